package io.mailgw.config.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventTypes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes dead letters as the sender does: the original request's key and value, its CloudEvents
 * headers, and the reasons and retry plumbing that a re-drive must not carry over.
 */
public final class DeadLetterWriter implements AutoCloseable {

    /** The headers a dead letter has besides the CloudEvents ones, none of which a re-drive may copy. */
    static final List<String> NOT_COPIED = List.of(CloudEventHeaders.DLT_ERROR_CODE,
            CloudEventHeaders.DLT_ERROR_MESSAGE, CloudEventHeaders.REQUEST_ID, CloudEventHeaders.OUTBOX_ID,
            CloudEventHeaders.TICKET, "kafka_original-topic", "retry_topic-attempts");

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public DeadLetterWriter(String bootstrapServers, String topic) {
        this.topic = topic;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** The send request a workflow engine published, as JSON. */
    public static String request(String requestId, String subject) {
        return "{\"requestId\":\"" + requestId + "\",\"contractId\":\"xpto\",\"outbox\":\"SPECIFIC\","
                + "\"to\":[\"" + TestDeliveries.ADDRESS + "\"],\"subject\":\"" + subject + "\",\"text\":\"Hola\"}";
    }

    /** The request id in a request's JSON as {@link #request} writes it, or {@code null} for another value. */
    public static String requestIdIn(String value) {
        String marker = "{\"requestId\":\"";
        return value != null && value.startsWith(marker)
                ? value.substring(marker.length(), value.indexOf('"', marker.length())) : null;
    }

    /** A dead letter with every header the sender writes, the request id among them. */
    public void write(String key, String requestId, String value) throws ExecutionException, InterruptedException {
        List<Header> headers = new ArrayList<>(CloudEventHeaders.of(EventTypes.SEND_MAIL_REQUESTED, "/engine",
                "ce-" + requestId, Instant.parse("2026-11-28T10:00:00Z")));
        headers.add(CloudEventHeaders.header(CloudEventHeaders.REQUEST_ID, requestId));
        plumbing(headers);
        send(key, value, headers);
    }

    /** A dead letter without the request id header, as one whose request was published without headers. */
    public void writeWithoutRequestIdHeader(String key, String value) throws ExecutionException, InterruptedException {
        List<Header> headers = new ArrayList<>();
        plumbing(headers);
        send(key, value, headers);
    }

    private static void plumbing(List<Header> headers) {
        headers.add(CloudEventHeaders.header(CloudEventHeaders.DLT_ERROR_CODE, "SMTP_TEMPORARY_FAILURE"));
        headers.add(CloudEventHeaders.header(CloudEventHeaders.DLT_ERROR_MESSAGE, "retries spent"));
        headers.add(CloudEventHeaders.header(CloudEventHeaders.OUTBOX_ID, "mbx-out"));
        headers.add(CloudEventHeaders.header(CloudEventHeaders.TICKET, TestDeliveries.OLD_TICKET));
        headers.add(new RecordHeader("kafka_original-topic",
                "mail.outbound.requests".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("retry_topic-attempts", new byte[] {0, 0, 0, 3}));
    }

    private void send(String key, String value, List<Header> headers) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
