package io.mailgw.events;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTests {

    @Test
    void readsTheContractsSendMailRequestedExample() {
        SendMailRequested request = EventJson.read(ContractExamples.sendMailRequested(), SendMailRequested.class);

        assertThat(request.requestId()).isEqualTo("sr-4711-step-3");
        assertThat(request.outbox()).isEqualTo(OutboxChoice.SPECIFIC);
        assertThat(request.to()).containsExactly("Ana <ana@cliente.example>");
        assertThat(request.attachments()).singleElement()
                .satisfies(a -> assertThat(a.fileName()).isEqualTo("detalle.pdf"));
        assertThat(request.context()).containsEntry("serviceRequestId", "4711");
        assertThat(request.recordKey()).isEqualTo("xpto");
    }

    @Test
    void readsTheContractsOtherExamples() {
        DeliveryStatus status = EventJson.read(ContractExamples.deliveryStatus(), DeliveryStatus.class);
        MailReceived mail = EventJson.read(ContractExamples.mailReceived(), MailReceived.class);
        ConfigChanged change = EventJson.read(ContractExamples.configChanged(), ConfigChanged.class);

        assertThat(status.status()).isEqualTo(DeliveryStatus.Status.SENT);
        assertThat(status.at()).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
        assertThat(mail.eventId()).isEqualTo(MailReceived.imapEventId("mbx-xpto-in", 1700000000L, 42));
        assertThat(mail.from().name()).isEqualTo("Ana");
        assertThat(change.kind()).isEqualTo(ConfigChanged.Kind.MAILBOX);
    }

    @Test
    void writesInstantsAsIsoTextAndKeepsNulls() {
        DeliveryStatus status = new DeliveryStatus("r-1", "xpto", DeliveryStatus.Status.SENT, "mbx-1",
                DeliveryStatus.OutboxResolution.CONTRACT, null, 1, "<m@x>", "250 ok", null, Map.of("k", "v"),
                Instant.parse("2026-11-28T10:15:30.123Z"));

        String json = EventJson.write(status);

        assertThat(json).contains("\"at\":\"2026-11-28T10:15:30.123Z\"").contains("\"error\":null");
        assertThat(EventJson.read(json, DeliveryStatus.class)).isEqualTo(status);
    }

    @Test
    void absentOutboxMeansDefaultAndAbsentListsAreEmpty() {
        SendMailRequested request = EventJson.read("{\"requestId\":\"r\",\"subject\":\"s\",\"text\":\"t\"}",
                SendMailRequested.class);

        assertThat(request.outboxOrDefault()).isEqualTo(OutboxChoice.DEFAULT);
        assertThat(request.to()).isEmpty();
        assertThat(request.recordKey()).isEqualTo(Topics.DEFAULT_KEY);
    }

    @Test
    void namesTheWholeRecordWhenTheValueIsNotJson() {
        assertThatThrownBy(() -> EventJson.read("this is not json", SendMailRequested.class))
                .isInstanceOfSatisfying(EventJsonException.class, ex -> assertThat(ex.field()).isEqualTo("$"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void namesTheFieldOfAValueOfTheWrongShape() {
        assertThatThrownBy(() -> EventJson.read("{\"requestId\":\"r\",\"to\":[{\"x\":1}]}", SendMailRequested.class))
                .isInstanceOfSatisfying(EventJsonException.class, ex -> assertThat(ex.field()).isEqualTo("to[0]"));
        assertThatThrownBy(() -> EventJson.read("{\"outbox\":\"SOMETIMES\"}", SendMailRequested.class))
                .isInstanceOfSatisfying(EventJsonException.class, ex -> assertThat(ex.field()).isEqualTo("outbox"));
    }

    @Test
    void refusesAnEmptyValue() {
        assertThatThrownBy(() -> EventJson.read("  ", SendMailRequested.class)).isInstanceOf(EventJsonException.class);
    }

    @Test
    void attachmentsNeverPrintTheirContent() {
        SendMailRequested.Attachment attachment = new SendMailRequested.Attachment("a.txt", "text/plain", "c2VjcmV0");

        assertThat(attachment.toString()).doesNotContain("c2VjcmV0").contains("a.txt");
    }
}
