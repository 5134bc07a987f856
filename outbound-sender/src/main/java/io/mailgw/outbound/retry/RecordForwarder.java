package io.mailgw.outbound.retry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventTypes;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundSenderApplication;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.request.InFlightRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Moves a request's record to a delay topic or to the dead-letter topic, asynchronously: the same
 * key and value, the engine's headers (CloudEvents ones are added when the engine sent none), and
 * the gateway's own: which request and outbox, which attempt comes next, when it is due, its
 * ticket, or why it was dead-lettered; and where the record was first read
 * ({@code kafka_original-topic}, {@code -partition}, {@code -offset}), kept across delay topics.
 */
@Component
public class RecordForwarder {

    /** Headers the gateway sets itself, and those Spring Kafka's retry topics once set; never copied on. */
    /** Where a record was first read, as Spring Kafka's dead-letter tooling names it; kept across delay topics. */
    private static final String ORIGINAL = "kafka_original-";

    private static final Set<String> OWN = Set.of(CloudEventHeaders.DLT_ERROR_CODE, CloudEventHeaders.DLT_ERROR_MESSAGE,
            CloudEventHeaders.REQUEST_ID, CloudEventHeaders.OUTBOX_ID, CloudEventHeaders.TICKET,
            CloudEventHeaders.DUE_AT, CloudEventHeaders.ATTEMPT, CloudEventHeaders.WAITING_SINCE,
            CloudEventHeaders.DEFERRALS);

    private final KafkaTemplate<String, String> kafka;
    private final String deadLetterTopic;
    private final Clock clock;

    RecordForwarder(KafkaTemplate<String, String> kafka, GatewayTopicsProperties topics, Clock clock) {
        this.kafka = kafka;
        this.deadLetterTopic = topics.outboundRequestsDlt();
        this.clock = clock;
    }

    /**
     * @param nextAttempt  the attempt number the record will be handled as
     * @param deferrals    how often in a row it was deferred without being tried, 0 after a try
     * @param waitingSince since when the request waits for an admin to fix its outbox, or {@code null}
     */
    public CompletableFuture<?> delay(InFlightRequest request, String delayTopic, Instant dueAt, int nextAttempt,
                                      int deferrals, String ticket, String outboxId, Instant waitingSince) {
        Headers headers = carried(request);
        add(headers, CloudEventHeaders.DUE_AT, String.valueOf(dueAt.toEpochMilli()));
        add(headers, CloudEventHeaders.ATTEMPT, String.valueOf(nextAttempt));
        add(headers, CloudEventHeaders.TICKET, ticket);
        add(headers, CloudEventHeaders.OUTBOX_ID, outboxId);
        if (deferrals > 0) {
            add(headers, CloudEventHeaders.DEFERRALS, String.valueOf(deferrals));
        }
        if (waitingSince != null) {
            add(headers, CloudEventHeaders.WAITING_SINCE, String.valueOf(waitingSince.toEpochMilli()));
        }
        return send(delayTopic, request.record(), headers);
    }

    public CompletableFuture<?> deadLetter(InFlightRequest request, ErrorCode code, String message, String outboxId) {
        Headers headers = carried(request);
        add(headers, CloudEventHeaders.DLT_ERROR_CODE, code.name());
        add(headers, CloudEventHeaders.DLT_ERROR_MESSAGE, message.replaceAll("[\\r\\n]+", " "));
        add(headers, CloudEventHeaders.OUTBOX_ID, outboxId);
        return send(deadLetterTopic, request.record(), headers);
    }

    private CompletableFuture<?> send(String topic, ConsumerRecord<String, String> original, Headers headers) {
        return kafka.send(new ProducerRecord<>(topic, null, original.key(), original.value(), headers));
    }

    private Headers carried(InFlightRequest request) {
        ConsumerRecord<String, String> original = request.record();
        Headers headers = new RecordHeaders();
        for (Header header : original.headers()) {
            if (!OWN.contains(header.key()) && !header.key().startsWith("retry_topic-")
                    && (!header.key().startsWith("kafka_") || header.key().startsWith(ORIGINAL))) {
                headers.add(header);
            }
        }
        if (headers.lastHeader(KafkaHeaders.ORIGINAL_TOPIC) == null) {
            headers.add(KafkaHeaders.ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(KafkaHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(original.partition()).array());
            headers.add(KafkaHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array());
        }
        if (headers.lastHeader(CloudEventHeaders.TYPE) == null) {
            String id = request.attempt().origin();
            CloudEventHeaders.of(EventTypes.SEND_MAIL_REQUESTED, OutboundSenderApplication.EVENT_SOURCE, id,
                    clock.instant()).forEach(headers::add);
        }
        add(headers, CloudEventHeaders.REQUEST_ID, request.requestId());
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(CloudEventHeaders.header(name, value));
        }
    }
}
