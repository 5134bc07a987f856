package io.mailgw.config.change;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.TestMailboxes;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.ConfigChanged;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.events.EventJson;
import io.mailgw.events.EventTypes;
import io.mailgw.events.Topics;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads {@code mail.config.changes} with a plain Kafka consumer, as another service would. */
class ConfigChangeIntegrationTests extends AbstractApiIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-changes");
    }

    KafkaTopicTail changes;

    @BeforeEach
    void listen() {
        changes = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.CONFIG_CHANGES);
    }

    @AfterEach
    void close() throws InterruptedException {
        changes.close();
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
        List<ConsumerRecord<String, String>> seen = changes.records();
        assertThat(seen).extracting(ConsumerRecord::key).doesNotContainNull();
        assertThat(seen.stream().map(record -> header(record, CloudEventHeaders.ID)).distinct().count())
                .isEqualTo(seen.size());
    }

    private ConsumerRecord<String, String> awaitRecord(String key, Change change) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> changes.withKey(key).stream()
                .filter(record -> EventJson.read(record.value(), ConfigChanged.class).change() == change)
                .findFirst().orElse(null), Objects::nonNull);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventHeaders.lastValue(record.headers(), name);
    }
}
