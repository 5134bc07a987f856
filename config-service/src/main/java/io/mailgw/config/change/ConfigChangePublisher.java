package io.mailgw.config.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mailgw.config.ConfigServiceProperties;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.ConfigChanged;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.events.EventJson;
import io.mailgw.events.EventTypes;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes one {@link ConfigChanged} per saved change, keyed by the document id, after the
 * MongoDB write, and waits a bounded time for the broker's ack. A change that cannot be
 * announced is still saved: the failure is logged and the request answered, because every
 * service also re-reads its configuration from MongoDB on its own.
 */
@Component
public class ConfigChangePublisher {

    /** CloudEvents {@code ce_source} of every record this service writes. */
    public static final String SOURCE = "/mailgw/config-service";

    private static final Logger log = LoggerFactory.getLogger(ConfigChangePublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    ConfigChangePublisher(KafkaTemplate<String, String> kafka, GatewayTopicsProperties topics,
            ConfigServiceProperties properties, Clock clock) {
        this.kafka = kafka;
        this.topic = topics.configChanges();
        this.timeout = properties.publishTimeout();
        this.clock = clock;
    }

    public void publish(Kind kind, String id, Change change) {
        Instant now = clock.instant();
        ConfigChanged event = new ConfigChanged(kind, id, change, now);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, id, EventJson.write(event),
                CloudEventHeaders.of(EventTypes.CONFIG_CHANGED, SOURCE, UUID.randomUUID().toString(), now));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            kafka.send(record).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logNotAnnounced(event, "the request thread was interrupted", ex);
        }
        catch (ExecutionException ex) {
            logNotAnnounced(event, "Kafka refused it: " + rootMessage(ex), ex.getCause());
        }
        catch (TimeoutException ex) {
            logNotAnnounced(event, "Kafka did not acknowledge it within " + timeout.toMillis() + " ms", ex);
        }
        catch (RuntimeException ex) {
            // the change is saved already: answering 500 would tell the client it was not
            logNotAnnounced(event, "Kafka could not take it: " + rootMessage(ex), ex);
        }
    }

    private void logNotAnnounced(ConfigChanged event, String reason, Throwable cause) {
        log.error("{} {} was {} in MongoDB, but announcing it on {} failed ({}); the services pick the change up "
                + "on their next re-read of the configuration", describe(event.kind()), event.id(),
                event.change().name().toLowerCase(), topic, reason, cause);
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case MAILBOX -> "Mailbox";
            case CONTRACT -> "Contract";
            case SETTINGS -> "Settings";
        };
    }
}
