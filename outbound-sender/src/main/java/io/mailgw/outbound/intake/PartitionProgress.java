package io.mailgw.outbound.intake;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import io.mailgw.outbound.request.InFlightRequest;
import org.apache.kafka.common.TopicPartition;

/**
 * The requests of one assigned partition that are read but not finished, so that its offset is
 * committed only up to the lowest of them. Requests finish on lane threads; everything else is
 * touched by the intake's thread only.
 */
final class PartitionProgress {

    private final TopicPartition partition;
    private final ConcurrentSkipListMap<Long, Integer> inFlight = new ConcurrentSkipListMap<>();
    private final AtomicLong allBytes;
    private final Deque<Held> held = new ArrayDeque<>();
    /** How many of the held requests each contract has: whether others wait behind the head. */
    private final Map<String, Integer> heldPerContract = new HashMap<>();
    private volatile long next = -1;
    private volatile boolean owned = true;
    private long committed = -1;
    private Instant waitingUntil;
    private long heldBytes;

    /** @param allBytes the bytes in flight over all partitions, which this partition adds to */
    PartitionProgress(TopicPartition partition, AtomicLong allBytes) {
        this.partition = partition;
        this.allBytes = allBytes;
    }

    TopicPartition partition() {
        return partition;
    }

    void begin(long offset, int bytes) {
        inFlight.put(offset, bytes);
        allBytes.addAndGet(bytes);
        next = offset + 1;
    }

    /** A request's outcome is recorded (or it was left to another owner); from any thread. */
    void done(long offset) {
        Integer bytes = inFlight.remove(offset);
        if (bytes != null) {
            allBytes.addAndGet(-bytes);
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The offset to commit: the lowest request not finished, or past the last one read; -1 before any. */
    long committable() {
        Map.Entry<Long, Integer> lowest = inFlight.firstEntry();
        return lowest != null ? lowest.getKey() : next;
    }

    long committed() {
        return committed;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    boolean owned() {
        return owned;
    }

    /** The partition is revoked or lost: requests not started yet are left to its next owner. */
    void disown() {
        owned = false;
    }

    /**
     * Holds a request back behind those held already, until its lane takes it.
     *
     * @param bytes what it counts for in the bytes in flight
     */
    void hold(InFlightRequest request, int bytes) {
        held.add(new Held(request, bytes));
        heldPerContract.merge(contractOf(request), 1, Integer::sum);
        heldBytes += bytes;
    }

    /** The oldest request held back, or {@code null}. */
    InFlightRequest firstHeld() {
        Held first = held.peek();
        return first == null ? null : first.request();
    }

    /** Whether a request of another contract is held behind the oldest one, so that holding it delays someone else. */
    boolean othersWaitBehindFirst() {
        Held first = held.peek();
        return first != null && heldPerContract.get(contractOf(first.request())) < held.size();
    }

    /** Lets the oldest held request go on (its lane took it, or it was deferred). */
    void releaseFirst() {
        Held first = held.poll();
        if (first != null) {
            heldPerContract.computeIfPresent(contractOf(first.request()), (contract, count) -> count > 1 ? count - 1 : null);
            heldBytes -= first.bytes();
        }
    }

    /** What the held requests count for in the bytes in flight. */
    long heldBytes() {
        return heldBytes;
    }

    /** Takes every held request back, oldest first: the partition is leaving. */
    List<InFlightRequest> dropHeld() {
        List<InFlightRequest> dropped = held.stream().map(Held::request).toList();
        held.clear();
        heldPerContract.clear();
        heldBytes = 0;
        return dropped;
    }

    private static String contractOf(InFlightRequest request) {
        return Objects.requireNonNullElse(request.contractId(), "");
    }

    /** A delay-topic partition waits until its head record comes due. */
    Instant waitingUntil() {
        return waitingUntil;
    }

    void waitUntil(Instant due) {
        waitingUntil = due;
    }

    private record Held(InFlightRequest request, int bytes) {
    }
}
