package io.mailgw.config.delivery;

import java.util.HashMap;
import java.util.Map;

import io.mailgw.events.kafka.GatewayTopicsProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * The Kafka clients of a re-drive, on the service's own connection settings ({@code spring.kafka.*},
 * as Boot's factories resolved them). Records move as bytes, so that a dead letter is republished
 * exactly as it was read. The producer is shared and kept open (acks=all, idempotent, sized for the
 * requests topic's largest record); each re-drive reads the dead letters with a consumer of its own,
 * without a group: it assigns partitions and commits nothing.
 */
@Component
class RedriveKafka implements DisposableBean {

    /** Records per poll: a dead letter may be as large as the requests topic allows (16 MiB by default). */
    private static final int MAX_POLL_RECORDS = 100;

    private final Map<String, Object> consumerSettings;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

    RedriveKafka(ConsumerFactory<?, ?> bootConsumers, ProducerFactory<?, ?> bootProducers,
            GatewayTopicsProperties topics) {
        consumerSettings = new HashMap<>(bootConsumers.getConfigurationProperties());
        consumerSettings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerSettings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        consumerSettings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        consumerSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "config-service-redrive");
        Map<String, Object> producerSettings = new HashMap<>(bootProducers.getConfigurationProperties());
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerSettings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, topics.requestsMaxMessageBytes().toBytes()));
        producerSettings.put(ProducerConfig.CLIENT_ID_CONFIG, "config-service-redrive");
        producerSettings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producers = new DefaultKafkaProducerFactory<>(producerSettings, new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** A consumer of the caller's own, to close after use. */
    Consumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The shared producer; closing it is a no-op, it lives as long as the service. */
    Producer<byte[], byte[]> producer() {
        return producers.createProducer();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
