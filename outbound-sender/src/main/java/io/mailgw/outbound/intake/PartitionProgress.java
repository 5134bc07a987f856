package io.mailgw.outbound.intake;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private final Deque<InFlightRequest> held = new ArrayDeque<>();
    /** How many of the held requests each contract has: whether others wait behind the head. */
    private final Map<String, Integer> heldPerContract = new HashMap<>();
    private volatile long next = -1;
    private volatile boolean owned = true;
    private long committed = -1;
    private Instant waitingUntil;

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

    /** Holds a request back behind those held already, until its lane takes it. */
    void hold(InFlightRequest request) {
        held.add(request);
        heldPerContract.merge(contractOf(request), 1, Integer::sum);
    }

    /** The oldest request held back, or {@code null}. */
    InFlightRequest firstHeld() {
        return held.peek();
    }

    /** Whether a request of another contract is held behind the oldest one, so that holding it delays someone else. */
    boolean othersWaitBehindFirst() {
        InFlightRequest first = held.peek();
        return first != null && heldPerContract.get(contractOf(first)) < held.size();
    }

    /** Lets the oldest held request go on (its lane took it, or it was deferred). */
    void releaseFirst() {
        InFlightRequest first = held.poll();
        if (first != null) {
            heldPerContract.computeIfPresent(contractOf(first), (contract, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Takes every held request back, oldest first: the partition is leaving. */
    List<InFlightRequest> dropHeld() {
        List<InFlightRequest> dropped = new ArrayList<>(held);
        held.clear();
        heldPerContract.clear();
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
}
