package io.mailgw.config.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.mailgw.config.ConfigServiceProperties;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.events.Topics;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a Kafka address where nothing listens: the change request must still be answered in time. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigChangePublisherTests {

    @Test
    void logsAndReturnsWithinTheTimeoutWhenKafkaIsUnreachable(CapturedOutput output) {
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        ConfigChangePublisher publisher = new ConfigChangePublisher(new KafkaTemplate<>(factory), topics(),
                new ConfigServiceProperties(Duration.ofMillis(500), new ConfigServiceProperties.LoginThrottle(3,
                        Duration.ofSeconds(1), 10, Duration.ofMinutes(15), 1000)),
                Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC));
        try {
            long started = System.nanoTime();

            publisher.publish(Kind.MAILBOX, "mbx-xpto-out", Change.UPDATED);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(output).contains("ERROR").contains("Mailbox mbx-xpto-out was updated in MongoDB, but announcing "
                    + "it on mail.config.changes failed").contains("next re-read");
        }
        finally {
            factory.destroy();
        }
    }

    private static GatewayTopicsProperties topics() {
        return new GatewayTopicsProperties(Topics.OUTBOUND_REQUESTS, Topics.OUTBOUND_STATUS,
                Topics.OUTBOUND_REQUESTS_DLT, Topics.INBOUND_MESSAGES, Topics.CONFIG_CHANGES, 12, (short) 1,
                DataSize.ofMegabytes(16), true);
    }
}
