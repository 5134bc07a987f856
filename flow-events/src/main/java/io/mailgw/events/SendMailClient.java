package io.mailgw.events;

import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a workflow engine on the JVM uses to ask the gateway for a mail: validates the request
 * against the contract, then publishes it with CloudEvents headers, keyed by contract.
 * Thread-safe, as its Kafka producer is.
 */
public final class SendMailClient implements AutoCloseable {

    private final Producer<String, String> producer;
    private final String topic;
    private final String source;
    private final SendMailRequestValidator validator;
    private final Clock clock;

    public SendMailClient(Producer<String, String> producer, String topic, String source,
                          SendMailRequestValidator.Limits limits, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.source = source;
        this.validator = new SendMailRequestValidator(limits);
        this.clock = clock;
    }

    /**
     * A client with its own producer (acks=all, idempotent, requests up to 16 MiB) on the
     * default topic and limits.
     *
     * @param source the engine's CloudEvents source, such as {@code /engines/flow-1}
     */
    public static SendMailClient connect(String bootstrapServers, String source) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new SendMailClient(new KafkaProducer<>(config), Topics.OUTBOUND_REQUESTS, source,
                SendMailRequestValidator.Limits.DEFAULTS, Clock.systemUTC());
    }

    /**
     * Publishes one request; the future completes when the broker acknowledged it.
     *
     * @throws InvalidSendMailRequestException naming every broken rule; nothing is published
     */
    public CompletableFuture<RecordMetadata> send(SendMailRequested request) {
        List<Violation> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidSendMailRequestException(violations);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, request.recordKey(),
                EventJson.write(request),
                CloudEventHeaders.of(EventTypes.SEND_MAIL_REQUESTED, source, request.requestId(), clock.instant()));
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                acked.completeExceptionally(error);
            }
            else {
                acked.complete(metadata);
            }
        });
        return acked;
    }

    @Override
    public void close() {
        producer.close();
    }
}
