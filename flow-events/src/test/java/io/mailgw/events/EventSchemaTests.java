package io.mailgw.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped JSON Schemas accept the contract's examples and what the records write, and refuse broken events. */
class EventSchemaTests {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void contractExamplesMatchTheirSchemas() {
        assertThat(errors("send-mail-requested", ContractExamples.sendMailRequested())).isEmpty();
        assertThat(errors("delivery-status", ContractExamples.deliveryStatus())).isEmpty();
        assertThat(errors("mail-received", ContractExamples.mailReceived())).isEmpty();
        assertThat(errors("config-changed", ContractExamples.configChanged())).isEmpty();
    }

    @Test
    void recordsWriteWhatTheSchemasAccept() {
        DeliveryStatus rejected = new DeliveryStatus("r-1", "xpto", DeliveryStatus.Status.REJECTED, null, null, null, 1,
                null, null, new DeliveryStatus.Error("INVALID_REQUEST", "subject: required", false), Map.of(),
                Instant.now());
        MailReceived mail = new MailReceived("mbx:pop3:abc", "mbx", null, "POP3", "INBOX", null, null, null, null,
                null, new MailReceived.Address("ana@x.example", null), List.of(), null, null, "s", null, Instant.now(),
                "t", null, List.of(new MailReceived.Attachment("a.png", "image/png", 3, "ab", null, "blob-1")),
                null, 10, "raw-1", null);

        assertThat(errors("delivery-status", EventJson.write(rejected))).isEmpty();
        assertThat(errors("mail-received", EventJson.write(mail))).isEmpty();
        assertThat(errors("config-changed", EventJson.write(new ConfigChanged(ConfigChanged.Kind.SETTINGS, "system",
                ConfigChanged.Change.UPDATED, Instant.now())))).isEmpty();
    }

    @Test
    void aPartialSendAfterACrashWritesItsRecipientsAndReadsBackTheSame() {
        DeliveryStatus partial = new DeliveryStatus("r-2", "xpto", DeliveryStatus.Status.SENT, "mbx-1",
                DeliveryStatus.OutboxResolution.CONTRACT, null, 2, "<r-2@x.example>", "250 ok", null, Map.of(),
                Instant.parse("2026-11-28T10:15:30Z"), null, true, List.of(
                        new DeliveryStatus.RecipientStatus("ana@x.example", DeliveryStatus.Status.SENT, "250 ok"),
                        new DeliveryStatus.RecipientStatus("nobody@x.example", DeliveryStatus.Status.FAILED,
                                "550 5.1.1 no such user")));
        DeliveryStatus retrying = new DeliveryStatus("r-3", "xpto", DeliveryStatus.Status.RETRYING, "mbx-1", null,
                null, 1, null, null, new DeliveryStatus.Error("SMTP_TEMPORARY_FAILURE", "451", true), Map.of(),
                Instant.parse("2026-11-28T10:15:30Z"), Instant.parse("2026-11-28T10:16:00Z"), null, null);

        assertThat(errors("delivery-status", EventJson.write(partial))).isEmpty();
        assertThat(errors("delivery-status", EventJson.write(retrying))).isEmpty();
        assertThat(EventJson.read(EventJson.write(partial), DeliveryStatus.class)).isEqualTo(partial);
        assertThat(EventJson.read(EventJson.write(retrying), DeliveryStatus.class).nextAttemptAt())
                .isEqualTo(Instant.parse("2026-11-28T10:16:00Z"));
        assertThat(errors("delivery-status", EventJson.write(partial).replace("\"FAILED\"", "\"LOST\""))).isNotEmpty();
    }

    @Test
    void refusesALineBreakInTheSubjectAndARequestWithoutBody() {
        assertThat(errors("send-mail-requested",
                "{\"requestId\":\"r\",\"to\":[\"a@x.example\"],\"subject\":\"a\\r\\nb\",\"text\":\"t\"}")).isNotEmpty();
        assertThat(errors("send-mail-requested",
                "{\"requestId\":\"r\",\"to\":[\"a@x.example\"],\"subject\":\"s\"}")).isNotEmpty();
    }

    @Test
    void refusesASentStatusWithAnErrorAndAFailedOneWithout() {
        String sentWithError = ContractExamples.deliveryStatus()
                .replace("\"error\": null", "\"error\": {\"code\": \"X\", \"message\": \"m\", \"retryable\": false}");
        String failedWithoutError = ContractExamples.deliveryStatus().replace("\"SENT\"", "\"FAILED\"");

        assertThat(errors("delivery-status", sentWithError)).isNotEmpty();
        assertThat(errors("delivery-status", failedWithoutError)).isNotEmpty();
    }

    private static List<com.networknt.schema.Error> errors(String schema, String json) {
        Schema loaded = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + schema + ".schema.json"));
        return loaded.validate(json, InputFormat.JSON);
    }
}
