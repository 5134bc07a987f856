package io.mailgw.outbound.retry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * One delay topic per configured delay, {@code <requests topic>.retry-0}, {@code .retry-1}, ...,
 * sized like the requests topic since they carry the same records. Within one topic every record
 * waits the same delay, so records come due in the order they were written and the intake only
 * ever waits for the head of a partition.
 */
@Configuration
public class DelayTopics {

    static final String SUFFIX = ".retry-";
    /** Spring Kafka's due-time header, on records its retry topics left behind before an upgrade. */
    static final String SPRING_BACKOFF_TIMESTAMP = "retry_topic-backoff-timestamp";

    private final GatewayTopicsProperties topics;
    private final List<Duration> delays;
    private final List<String> names;

    DelayTopics(GatewayTopicsProperties topics, OutboundProperties properties) {
        this.topics = topics;
        this.delays = properties.retry().delays();
        this.names = IntStream.range(0, delays.size()).mapToObj(this::name).toList();
    }

    /** Every delay topic, shortest delay first. */
    public List<String> names() {
        return names;
    }

    public boolean isDelayTopic(String topic) {
        return names.contains(topic);
    }

    /** The topic a record waits in before attempt {@code nextAttempt} (2 for the first retry). */
    public String beforeAttempt(int nextAttempt) {
        return names.get(Math.min(Math.max(nextAttempt - 2, 0), names.size() - 1));
    }

    public String shortest() {
        return names.get(0);
    }

    /** The topic of a request deferred {@code deferrals} times in a row before: each deferral waits longer. */
    public String afterDeferrals(int deferrals) {
        return names.get(Math.min(deferrals, names.size() - 1));
    }

    public String longest() {
        return names.get(names.size() - 1);
    }

    public Duration delayOf(String delayTopic) {
        return delays.get(names.indexOf(delayTopic));
    }

    /** When a delay-topic record may be handled: its due header, or at once when it has none. */
    public static Instant dueAt(ConsumerRecord<?, ?> record) {
        String due = CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.DUE_AT);
        if (due != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(due.trim()));
            }
            catch (NumberFormatException ignored) {
                return Instant.EPOCH;
            }
        }
        Header spring = record.headers().lastHeader(SPRING_BACKOFF_TIMESTAMP);
        if (spring != null && spring.value() != null && spring.value().length == Long.BYTES) {
            return Instant.ofEpochMilli(ByteBuffer.wrap(spring.value()).getLong());
        }
        return Instant.EPOCH;
    }

    @Bean
    @ConditionalOnProperty(name = "mailgw.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics delayTopicsCreation() {
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                String.valueOf(topics.requestsMaxMessageBytes().toBytes()));
        return new KafkaAdmin.NewTopics(names.stream()
                .map(name -> new NewTopic(name, topics.partitions(), topics.replicationFactor()).configs(large))
                .toArray(NewTopic[]::new));
    }

    private String name(int index) {
        return topics.outboundRequests() + SUFFIX + index;
    }
}
