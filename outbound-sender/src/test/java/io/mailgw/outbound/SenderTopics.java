package io.mailgw.outbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.testing.ForeignEngine;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/**
 * The topics of one sender under test, seen from a workflow engine: a foreign producer on the
 * request topic and tails on the status and dead-letter topics. The topic names and the consumer
 * group come from one name, so that test classes do not read each other's records. Register it
 * as a static extension; it opens before the first test, once the application has created its
 * topics, and closes after the last.
 */
public final class SenderTopics implements BeforeEachCallback, AfterAllCallback {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String name;
    private final String requests;
    private final String status;
    private final String deadLetter;
    private ForeignEngine engine;
    private KafkaTopicTail statusTopic;
    private KafkaTopicTail deadLetters;

    private SenderTopics(String name) {
        this.name = name;
        this.requests = name + ".requests";
        this.status = name + ".status";
        this.deadLetter = name + ".requests.dlt";
    }

    /** Topics {@code name.requests}, {@code name.status} and {@code name.requests.dlt}; consumer group {@code name}. */
    public static SenderTopics named(String name) {
        return new SenderTopics(name);
    }

    /** Points the sender at these topics, at the shared servers and at a database of its own. */
    public void register(DynamicPropertyRegistry registry, String database) {
        registry.add("mailgw.topics.outbound-requests", () -> requests);
        registry.add("mailgw.topics.outbound-status", () -> status);
        registry.add("mailgw.topics.outbound-requests-dlt", () -> deadLetter);
        registry.add("mailgw.outbound.consumer-group", () -> name);
        TestInfrastructure.register(registry, database);
    }

    public String requests() {
        return requests;
    }

    /** The same settings as {@link #register}'s topic names and group, as command-line arguments of a sender JVM. */
    public List<String> arguments() {
        return List.of("--mailgw.topics.outbound-requests=" + requests,
                "--mailgw.topics.outbound-status=" + status, "--mailgw.topics.outbound-requests-dlt=" + deadLetter,
                "--mailgw.outbound.consumer-group=" + name);
    }

    /** Publishes hand-written JSON to the request topic and waits for the broker's acknowledgement. */
    public void publish(String key, String json) throws ExecutionException, InterruptedException {
        engine.publish(requests, key, json);
    }

    public KafkaTopicTail statusTopic() {
        return statusTopic;
    }

    public KafkaTopicTail deadLetters() {
        return deadLetters;
    }

    /** The statuses published for a request so far, oldest first. */
    public List<DeliveryStatus> statusesOf(String requestId) {
        return PublishedStatuses.of(statusTopic, requestId);
    }

    /** Waits for the one final status of a request and returns it. */
    public DeliveryStatus awaitFinalStatus(String requestId) {
        await().atMost(PATIENCE).untilAsserted(() -> PublishedStatuses.finalOf(statusTopic, requestId));
        return PublishedStatuses.finalOf(statusTopic, requestId);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (engine == null) {
            engine = new ForeignEngine(TestInfrastructure.kafkaBootstrapServers());
            statusTopic = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), status);
            deadLetters = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), deadLetter);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (engine != null) {
            engine.close();
            statusTopic.close();
            deadLetters.close();
        }
    }
}
