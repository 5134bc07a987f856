package io.mailgw.outbound.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.outbound.retry.DelayTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * One Kafka consumer (group {@code mailgw.outbound.consumer-group}) on the requests topic and its
 * delay topics, on a thread of its own that never waits on a network but Kafka's. Each record is
 * handed to its outbox's lane; its partition's offset is committed (every {@code commit-interval})
 * only up to the lowest request whose outcome is not recorded yet. A request whose lane is full is
 * held back, with the partition's later requests behind it, while the partition goes on being read
 * (up to an eighth of {@code max-in-flight-bytes} held), so the lane learns whether another
 * contract's mail waits behind it. A partition is paused, never blocked, while it has too many
 * requests in flight or waits for the head of a delay topic to come due; every partition is paused
 * while the requests in flight hold too many bytes. A revoked partition's requests not started yet
 * are left to its next owner.
 */
@Component
class RequestIntake implements SmartLifecycle, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, String> consumers;
    private final RequestDispatcher dispatcher;
    private final DelayTopics delayTopics;
    private final List<String> topics;
    private final String group;
    private final OutboundProperties.Intake settings;
    private final Clock clock;
    private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();
    /**
     * Heap a request takes per byte of its JSON while in flight: the record's value as a String (two
     * bytes a character) and the parsed request beside it. Measured: at 1 byte per byte, 10 KB
     * requests ran a 256 MB sender out of heap.
     */
    private static final int MEMORY_PER_BYTE = 4;
    /**
     * A partition that holds requests back for a full lane is read on, to see whose mail waits behind
     * them, only while they take less than this share of {@code max-in-flight-bytes}: the rest stays
     * free for the other partitions.
     */
    private static final int HELD_SHARE = 8;
    /** What one fetch may buffer (Kafka's default is 50 MB); a larger single record still comes whole. */
    private static final int FETCH_MAX_BYTES = 8 * 1024 * 1024;

    private final AtomicLong bytesInFlight = new AtomicLong();
    private volatile boolean running;
    private Consumer<String, String> consumer;
    private Thread thread;
    private Instant lastCommit = Instant.EPOCH;

    RequestIntake(ConsumerFactory<String, String> consumers, RequestDispatcher dispatcher, DelayTopics delayTopics,
                  GatewayTopicsProperties topics, OutboundProperties properties, Clock clock) {
        this.consumers = consumers;
        this.dispatcher = dispatcher;
        this.delayTopics = delayTopics;
        List<String> subscribed = new ArrayList<>(List.of(topics.outboundRequests()));
        subscribed.addAll(delayTopics.names());
        this.topics = List.copyOf(subscribed);
        this.group = properties.consumerGroup();
        this.settings = properties.intake();
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        overrides.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(FETCH_MAX_BYTES));
        consumer = consumers.createConsumer(group, "outbound-intake", null, overrides);
        running = true;
        thread = new Thread(this::run, "outbound-intake");
        thread.start();
        log.info("Reading {} as consumer group {}", topics, group);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(settings.shutdownTimeout().plusSeconds(5).toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            consumer.subscribe(topics, this);
            while (running) {
                pollOnce();
            }
        }
        catch (WakeupException stopping) {
            // stop() asked the consumer to return
        }
        finally {
            finishAndClose();
        }
    }

    private void pollOnce() {
        offerHeldAgain();
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        for (TopicPartition partition : records.partitions()) {
            PartitionProgress progress = partitions.get(partition);
            if (progress != null) {
                accept(progress, records.records(partition));
            }
        }
        applyPauses();
        commit(false);
    }

    private void accept(PartitionProgress progress, List<ConsumerRecord<String, String>> records) {
        boolean delayed = delayTopics.isDelayTopic(progress.partition().topic());
        for (ConsumerRecord<String, String> record : records) {
            if (delayed) {
                Instant due = DelayTopics.dueAt(record);
                if (due.isAfter(clock.instant())) {
                    consumer.seek(progress.partition(), record.offset());
                    progress.waitUntil(due);
                    break;
                }
            }
            int bytes = MEMORY_PER_BYTE * Math.max(record.serializedValueSize(), 0);
            progress.begin(record.offset(), bytes);
            InFlightRequest request = dispatcher.read(record, progress);
            if (request != null) {
                progress.hold(request, bytes);
            }
        }
        dispatchHeld(progress);
    }

    /** Offers held requests again, oldest first, and ends the wait of delay-topic partitions whose head is due. */
    private void offerHeldAgain() {
        for (PartitionProgress progress : partitions.values()) {
            dispatchHeld(progress);
            Instant due = progress.waitingUntil();
            if (due != null && !due.isAfter(clock.instant())) {
                progress.waitUntil(null);
            }
        }
    }

    /** Hands a partition's requests to their lanes in order, while the lanes take them. */
    private void dispatchHeld(PartitionProgress progress) {
        for (InFlightRequest first = progress.firstHeld(); first != null; first = progress.firstHeld()) {
            if (!dispatcher.route(first, progress.othersWaitBehindFirst())) {
                return;
            }
            progress.releaseFirst();
        }
    }

    private void applyPauses() {
        boolean memoryFull = bytesInFlight.get() >= settings.maxInFlightBytes().toBytes();
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (PartitionProgress progress : partitions.values()) {
            boolean hold = memoryFull || progress.waitingUntil() != null
                    || progress.inFlight() >= settings.maxInFlightPerPartition()
                    || progress.heldBytes() >= settings.maxInFlightBytes().toBytes() / HELD_SHARE;
            boolean isPaused = paused.contains(progress.partition());
            if (hold && !isPaused) {
                pause.add(progress.partition());
            }
            else if (!hold && isPaused) {
                resume.add(progress.partition());
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /** Commits each partition up to its lowest unfinished request, every {@code commit-interval} or when {@code now}. */
    private void commit(boolean now) {
        Instant at = clock.instant();
        if (!now && at.isBefore(lastCommit.plus(settings.commitInterval()))) {
            return;
        }
        lastCommit = at;
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.values());
        if (offsets.isEmpty()) {
            return;
        }
        if (now) {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> markCommitted(partition, offset.offset()));
            return;
        }
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                log.warn("Committing request offsets failed ({}); they are committed with the next batch",
                        failure.getMessage());
                return;
            }
            committed.forEach((partition, offset) -> markCommitted(partition, offset.offset()));
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionProgress> progresses) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionProgress progress : progresses) {
            long offset = progress.committable();
            if (offset > progress.committed()) {
                offsets.put(progress.partition(), new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    private void markCommitted(TopicPartition partition, long offset) {
        PartitionProgress progress = partitions.get(partition);
        if (progress != null) {
            progress.committed(offset);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        assigned.forEach(partition -> partitions.put(partition, new PartitionProgress(partition, bytesInFlight)));
        log.info("Assigned {}", assigned);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        List<PartitionProgress> leaving = release(revoked);
        awaitFinished(leaving, REVOKE_WAIT);
        try {
            consumer.commitSync(committable(leaving));
        }
        catch (RuntimeException ex) {
            log.warn("Committing the offsets of revoked partitions {} failed ({}); their next owner reads the "
                    + "unfinished requests again", revoked, ex.getMessage());
        }
        log.info("Revoked {}", revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        release(lost);
        log.warn("Lost {}; their next owner reads their unfinished requests again", lost);
    }

    /** Stops handing out a partition's requests: those not started are left to its next owner. */
    private List<PartitionProgress> release(Collection<TopicPartition> gone) {
        List<PartitionProgress> released = new ArrayList<>();
        for (TopicPartition partition : gone) {
            PartitionProgress progress = partitions.remove(partition);
            if (progress != null) {
                progress.disown();
                progress.dropHeld().forEach(InFlightRequest::finish);
                released.add(progress);
            }
        }
        return released;
    }

    private static void awaitFinished(List<PartitionProgress> progresses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (progresses.stream().anyMatch(progress -> progress.inFlight() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** At shutdown: sends in progress finish (within the shutdown timeout), the rest is left to other senders. */
    private void finishAndClose() {
        try {
            List<PartitionProgress> all = release(new HashSet<>(partitions.keySet()));
            awaitFinished(all, settings.shutdownTimeout());
            consumer.commitSync(committable(all));
        }
        catch (RuntimeException ex) {
            log.warn("Committing offsets at shutdown failed ({}); the unfinished requests are read again", ex.getMessage());
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
            log.info("Stopped reading {}", topics);
        }
    }
}
