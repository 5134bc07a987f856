package io.mailgw.config.change;

import java.util.Map;

import io.mailgw.config.ConfigServiceProperties;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds how long sending may block waiting for the cluster's metadata (Kafka's default is 60 s)
 * by the same publish timeout, so that a broker outage slows a change request by seconds only.
 */
@Configuration(proxyBeanMethods = false)
class ConfigChangeProducerConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer boundedSendBlocking(ConfigServiceProperties properties) {
        long maxBlockMs = properties.publishTimeout().toMillis();
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs));
    }
}
