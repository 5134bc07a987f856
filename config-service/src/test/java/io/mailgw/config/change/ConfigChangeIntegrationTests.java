package io.mailgw.config.change;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mailgw.config.ApiClient;
import io.mailgw.config.TestMailboxes;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.ConfigChanged;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.events.EventJson;
import io.mailgw.events.EventTypes;
import io.mailgw.events.Topics;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads {@code mail.config.changes} with a plain Kafka consumer, as another service would. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"spring.config.name=config-service",
        "mailgw.admin.user=admin", "mailgw.admin.password=admin-pass"})
class ConfigChangeIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-changes");
    }

    @LocalServerPort
    int port;

    ApiClient admin;
    KafkaConsumer<String, String> consumer;
    final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        admin = ApiClient.as(port, "admin", "admin-pass");
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "config-changes-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.CONFIG_CHANGES));
    }

    @AfterEach
    void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    @Test
    void announcesCreatedMailboxWithCloudEventHeaders() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-announced"));

        ConsumerRecord<String, String> record = awaitRecord("mbx-announced", Change.CREATED);

        ConfigChanged event = EventJson.read(record.value(), ConfigChanged.class);
        assertThat(event.kind()).isEqualTo(Kind.MAILBOX);
        assertThat(event.id()).isEqualTo("mbx-announced");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.CONFIG_CHANGED);
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/mailgw/config-service");
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(header(record, CloudEventHeaders.TIME)).isEqualTo(event.at().toString());
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(record.value()).doesNotContain(TestMailboxes.PASSWORD);
    }

    @Test
    void announcesEveryKindOfChangeWithItsKey() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-lifecycle"));
        admin.put("/api/v1/mailboxes/mbx-lifecycle", TestMailboxes.smtpOutbox("mbx-lifecycle"));
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-lifecycle", "mbx-lifecycle"));
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": \"mbx-lifecycle\"}");
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": null}");
        admin.delete("/api/v1/contracts/ctr-lifecycle");
        admin.delete("/api/v1/mailboxes/mbx-lifecycle");

        awaitRecord("mbx-lifecycle", Change.UPDATED);
        awaitRecord("mbx-lifecycle", Change.DELETED);
        awaitRecord("ctr-lifecycle", Change.CREATED);
        awaitRecord("ctr-lifecycle", Change.DELETED);
        ConsumerRecord<String, String> settings = awaitRecord("system", Change.UPDATED);
        assertThat(EventJson.read(settings.value(), ConfigChanged.class).kind()).isEqualTo(Kind.SETTINGS);
        assertThat(seen).extracting(ConsumerRecord::key).doesNotContainNull();
        assertThat(seen.stream().map(record -> header(record, CloudEventHeaders.ID)).distinct().count())
                .isEqualTo(seen.size());
    }

    private ConsumerRecord<String, String> awaitRecord(String key, Change change) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(record -> key.equals(record.key())
                    && EventJson.read(record.value(), ConfigChanged.class).change() == change).findFirst().orElse(null);
        }, record -> record != null);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
