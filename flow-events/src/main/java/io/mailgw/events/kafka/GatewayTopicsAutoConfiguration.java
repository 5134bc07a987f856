package io.mailgw.events.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Binds {@link GatewayTopicsProperties} and lets Spring Kafka's admin create the five topics of
 * CONTRACT §3 when they are missing: the requests topic and its dead letters sized for large
 * attachments, the config topic compacted.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(GatewayTopicsProperties.class)
public class GatewayTopicsAutoConfiguration {

    @Bean
    @ConditionalOnClass(KafkaAdmin.class)
    @ConditionalOnProperty(name = "mailgw.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics gatewayTopics(GatewayTopicsProperties topics) {
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                String.valueOf(topics.requestsMaxMessageBytes().toBytes()));
        return new KafkaAdmin.NewTopics(
                topic(topics, topics.outboundRequests(), large),
                topic(topics, topics.outboundRequestsDlt(), large),
                topic(topics, topics.outboundStatus(), Map.of()),
                topic(topics, topics.inboundMessages(), Map.of()),
                topic(topics, topics.configChanges(),
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /** Kafka in the health (and readiness) of every service that uses it; Boot has no indicator of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.health.contributor.HealthIndicator",
            "org.springframework.kafka.core.KafkaAdmin"})
    static class Health {

        @Bean(name = "kafkaHealthIndicator")
        @ConditionalOnBean(KafkaAdmin.class)
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
            return new KafkaHealthIndicator(admin, Duration.ofSeconds(3));
        }
    }

    private static NewTopic topic(GatewayTopicsProperties topics, String name, Map<String, String> config) {
        return new NewTopic(name, topics.partitions(), topics.replicationFactor()).configs(config);
    }
}
