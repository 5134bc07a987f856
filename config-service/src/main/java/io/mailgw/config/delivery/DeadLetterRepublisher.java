package io.mailgw.config.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.model.delivery.DeliveryRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second pass of a re-drive: fetches each found dead letter by its position, hands its request a
 * new ticket in the ledger, and only if that matched, produces the letter's key and value to the
 * requests topic with its CloudEvents headers and the ticket (no other header: not the dead-letter
 * reasons, not an old ticket). The acks are awaited together at the end; a request whose letter was
 * not acknowledged gets its ledger record back as it was.
 */
final class DeadLetterRepublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRepublisher.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String CLOUD_EVENTS_PREFIX = "ce_";

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final RedriveLedger ledger;
    private final String deadLetterTopic;
    private final String requestsTopic;
    private final Deadline deadline;
    private final Deque<ConsumerRecord<byte[], byte[]>> batch = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> notFound = new ArrayList<>();
    private final List<String> notRedrivable = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    DeadLetterRepublisher(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, RedriveLedger ledger,
            String deadLetterTopic, String requestsTopic, Deadline deadline) {
        this.consumer = consumer;
        this.producer = producer;
        this.ledger = ledger;
        this.deadLetterTopic = deadLetterTopic;
        this.requestsTopic = requestsTopic;
        this.deadline = deadline;
    }

    /**
     * @param letters    by request id, the dead letter to republish
     * @param candidates by request id, the ledger record it belongs to
     */
    RedriveOutcome republish(Map<String, DeadLetter> letters, Map<String, DeliveryRecord> candidates) {
        Map<Integer, TreeMap<Long, String>> byPartition = new TreeMap<>();
        letters.forEach((requestId, letter) -> byPartition.computeIfAbsent(letter.partition(), p -> new TreeMap<>())
                .put(letter.offset(), requestId));
        byPartition.forEach((partition, offsets) -> {
            TopicPartition topicPartition = new TopicPartition(deadLetterTopic, partition);
            consumer.assign(List.of(topicPartition));
            consumer.resume(List.of(topicPartition));
            batch.clear();
            offsets.forEach((offset, requestId) -> republish(topicPartition, offset, candidates.get(requestId)));
        });
        List<String> redriven = awaitAcks();
        return new RedriveOutcome(redriven, notFound, notRedrivable, failed);
    }

    private void republish(TopicPartition partition, long offset, DeliveryRecord candidate) {
        String requestId = candidate.requestId();
        ConsumerRecord<byte[], byte[]> letter;
        try {
            letter = fetch(partition, offset);
        }
        catch (Deadline.ExceededException | KafkaException ex) {
            log.warn("Re-drive of {} skipped: its dead letter at {}@{} could not be read again ({})", requestId,
                    partition, offset, ex.getMessage());
            failed.add(requestId);
            return;
        }
        if (letter == null) {
            notFound.add(requestId);
            return;
        }
        String ticket = UUID.randomUUID().toString();
        Optional<DeliveryRecord> before = ledger.claim(candidate, ticket);
        if (before.isEmpty()) {
            notRedrivable.add(requestId);
            return;
        }
        try {
            sent.add(new Sent(before.get(), ticket, producer.send(asRequest(letter, ticket))));
        }
        catch (KafkaException ex) {
            unpublished(before.get(), ticket, "Kafka refused it: " + ex.getMessage());
        }
    }

    /** The letter at {@code offset}, or {@code null} when it is gone (deleted by the topic's retention). */
    private ConsumerRecord<byte[], byte[]> fetch(TopicPartition partition, long offset) {
        while (!batch.isEmpty() && batch.peekFirst().offset() < offset) {
            batch.pollFirst();
        }
        if (batch.isEmpty()) {
            consumer.seek(partition, offset);
            while (batch.isEmpty()) {
                deadline.check("reading the dead letter at " + partition + "@" + offset + " again");
                consumer.poll(deadline.atMost(POLL)).records(partition).forEach(batch::add);
                if (batch.isEmpty() && consumer.position(partition, deadline.remaining()) > offset) {
                    return null;
                }
            }
        }
        return batch.peekFirst().offset() == offset ? batch.pollFirst() : null;
    }

    private ProducerRecord<byte[], byte[]> asRequest(ConsumerRecord<byte[], byte[]> letter, String ticket) {
        List<Header> headers = new ArrayList<>();
        for (Header header : letter.headers()) {
            if (header.key().startsWith(CLOUD_EVENTS_PREFIX) || header.key().equals(CloudEventHeaders.CONTENT_TYPE)) {
                headers.add(header);
            }
        }
        headers.add(CloudEventHeaders.header(CloudEventHeaders.TICKET, ticket));
        return new ProducerRecord<>(requestsTopic, null, letter.key(), letter.value(), headers);
    }

    private List<String> awaitAcks() {
        List<String> redriven = new ArrayList<>();
        for (Sent one : sent) {
            try {
                one.ack().get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
                redriven.add(one.before().requestId());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                unpublished(one.before(), one.ticket(), "the request thread was interrupted");
            }
            catch (ExecutionException ex) {
                unpublished(one.before(), one.ticket(), "Kafka refused it: " + ex.getCause().getMessage());
            }
            catch (TimeoutException ex) {
                unpublished(one.before(), one.ticket(), "Kafka did not acknowledge it in time");
            }
        }
        return redriven;
    }

    private void unpublished(DeliveryRecord before, String ticket, String reason) {
        String message = "Re-drive not published to " + requestsTopic + " (" + reason + "); still " + before.state();
        log.error("Re-drive of {}: {}", before.requestId(), message);
        ledger.release(before, ticket, message);
        failed.add(before.requestId());
    }

    /** A letter handed to the producer, with what to restore should Kafka not acknowledge it. */
    private record Sent(DeliveryRecord before, String ticket, Future<RecordMetadata> ack) {
    }
}
