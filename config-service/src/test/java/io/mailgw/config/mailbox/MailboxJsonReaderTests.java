package io.mailgw.config.mailbox;

import io.mailgw.config.TestMailboxes;
import io.mailgw.config.web.InvalidRequestException;
import io.mailgw.model.FieldViolation;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailboxJsonReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsInboundFieldsAndKeepsPasswordApart() {
        MailboxSubmission submission = read(TestMailboxes.imapsInbox("mbx-1"), null);

        assertThat(submission.violations()).isEmpty();
        assertThat(submission.draft().id()).isEqualTo("mbx-1");
        assertThat(submission.draft().inbound().protocol()).isEqualTo(InboundProtocol.IMAPS);
        assertThat(submission.draft().server().port()).isEqualTo(993);
        assertThat(submission.draft().auth().secrets()).isEmpty();
        assertThat(submission.password()).isEqualTo(TestMailboxes.PASSWORD);
        assertThat(submission.toString()).doesNotContain(TestMailboxes.PASSWORD);
    }

    @Test
    void readsOutboundFields() {
        MailboxSubmission submission = read(TestMailboxes.smtpOutbox("mbx-2"), null);

        assertThat(submission.violations()).isEmpty();
        assertThat(submission.draft().outbound().security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(submission.draft().outbound().fromAddress()).isEqualTo("soporte@xpto.example");
        assertThat(submission.draft().inbound()).isNull();
    }

    @Test
    void enabledDefaultsToTrueAndPasswordMayBeLeftOut() {
        MailboxSubmission submission = read("{\"type\": \"OUTBOUND\"}", null);

        assertThat(submission.draft().enabled()).isTrue();
        assertThat(submission.hasPassword()).isFalse();
    }

    @Test
    void namesEveryFieldOfTheWrongJsonType() {
        MailboxSubmission submission = read("""
                {"type": "INBOUND", "port": 99.5, "enabled": "yes", "host": 7, "protocol": "IMAP4",
                 "pollIntervalSeconds": "60"}
                """, null);

        assertThat(submission.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("port", "enabled", "host", "protocol", "pollIntervalSeconds");
        assertThat(submission.violations()).filteredOn(v -> v.field().equals("protocol"))
                .extracting(FieldViolation::message).containsExactly("must be one of IMAP, IMAPS, POP3, POP3S");
    }

    @Test
    void namesFieldsOfTheOtherTypeAndUnknownOnes() {
        MailboxSubmission submission = read("""
                {"type": "INBOUND", "fromAddress": "a@b.example", "security": "SSL", "colour": "red"}
                """, null);

        assertThat(submission.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("fromAddress", "security", "colour");
    }

    @Test
    void acceptsTheReadOnlyFieldsOfAResponse() {
        MailboxSubmission submission = read("""
                {"type": "OUTBOUND", "passwordSet": true, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": null}
                """, null);

        assertThat(submission.violations()).isEmpty();
    }

    @Test
    void takesTheStoredTypeWhenTheBodyHasNone() {
        MailboxSubmission submission = read("{\"protocol\": \"POP3\", \"fromName\": \"x\"}", MailboxType.INBOUND);

        assertThat(submission.draft().type()).isEqualTo(MailboxType.INBOUND);
        assertThat(submission.draft().inbound().protocol()).isEqualTo(InboundProtocol.POP3);
        assertThat(submission.violations()).extracting(FieldViolation::field).containsExactly("fromName");
    }

    @Test
    void rejectsEmptyPasswordWithoutEchoingIt() {
        MailboxSubmission submission = read("{\"type\": \"INBOUND\", \"password\": \"\"}", null);

        assertThat(submission.violations()).extracting(FieldViolation::field).containsExactly("password");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThatThrownBy(() -> read("[1, 2]", null)).isInstanceOf(InvalidRequestException.class)
                .extracting(ex -> ((InvalidRequestException) ex).violations().get(0).field()).isEqualTo("$");
    }

    private static MailboxSubmission read(String json, MailboxType storedType) {
        JsonNode body = JSON.readTree(json);
        return MailboxJsonReader.read(body, storedType);
    }
}
