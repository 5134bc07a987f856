package io.mailgw.model.mailbox;

import java.util.List;

import io.mailgw.model.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MailboxValidatorTests {

    @Test
    void fillsTheDefaultsOfEachType() {
        Mailbox inbox = TestMailboxes.imapsInbox().withDefaults();
        Mailbox pop3 = TestMailboxes.pop3Inbox().withDefaults();
        Mailbox outbox = TestMailboxes.smtpOutbox().withDefaults();

        assertThat(inbox.port()).isEqualTo(993);
        assertThat(inbox.folder()).isEqualTo("INBOX");
        assertThat(inbox.pollIntervalSeconds()).isEqualTo(60);
        assertThat(inbox.afterRead()).isEqualTo(AfterRead.MARK_SEEN);
        assertThat(inbox.startFrom()).isEqualTo(StartFrom.NOW);
        assertThat(pop3.port()).isEqualTo(110);
        assertThat(pop3.afterRead()).isEqualTo(AfterRead.NONE);
        assertThat(outbox.port()).isEqualTo(587);
        assertThat(outbox.security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(outbox.authRequired()).isTrue();
        assertThat(outbox.protocol()).isNull();
    }

    @Test
    void acceptsCompleteMailboxesOfBothTypes() {
        assertThat(fields(TestMailboxes.imapsInbox(), true)).isEmpty();
        assertThat(fields(TestMailboxes.smtpOutbox(), true)).isEmpty();
    }

    @Test
    void namesEachMissingCommonField() {
        Mailbox empty = new Mailbox(null, null, MailboxType.OUTBOUND, true, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);

        assertThat(fields(empty, false)).contains("name", "host", "username", "password", "fromAddress");
    }

    @Test
    void outboxWithoutAuthNeedsNoCredentials() {
        Mailbox noAuth = new Mailbox("o", "Relay", MailboxType.OUTBOUND, true, null, "relay.example", 25, null, null,
                null, null, null, null, null, null, null, "noreply@x.example", null, SmtpSecurity.NONE, false, null,
                null, null);

        assertThat(fields(noAuth, false)).isEmpty();
    }

    @Test
    void pop3HasOnlyInboxAndNoMarkSeen() {
        Mailbox pop3 = TestMailboxes.pop3Inbox();
        Mailbox wrong = new Mailbox(pop3.id(), pop3.name(), pop3.type(), true, null, pop3.host(), 110, "u", null, null,
                InboundProtocol.POP3, "Archive", 60, AfterRead.MARK_SEEN, null, null, null, null, null, null, null,
                null, null);

        assertThat(fields(wrong, true)).containsExactly("folder", "afterRead");
    }

    @Test
    void moveNeedsATargetFolderAndRefusesOneOtherwise() {
        Mailbox move = new Mailbox("i", "In", MailboxType.INBOUND, true, null, "imap.x.example", 993, "u", null, null,
                InboundProtocol.IMAPS, "INBOX", 60, AfterRead.MOVE, null, null, null, null, null, null, null, null, null);

        assertThat(fields(move, true)).containsExactly("moveToFolder");
    }

    @Test
    void refusesBadPortsHostsPollIntervalsAndSenders() {
        Mailbox in = new Mailbox("i", "In", MailboxType.INBOUND, true, null, "bad host!", 70000, "u", null, null,
                InboundProtocol.IMAP, "INBOX", 5, AfterRead.NONE, null, null, null, null, null, null, null, null, null);
        Mailbox out = new Mailbox("o", "Out", MailboxType.OUTBOUND, true, null, "smtp.x.example", 587, "u", null, null,
                null, null, null, null, null, null, "Ana <ana@x.example>", null, null, null, null, null, null);

        assertThat(fields(in, true)).containsExactly("host", "port", "pollIntervalSeconds");
        assertThat(fields(out, true)).containsExactly("fromAddress");
    }

    @Test
    void refusesAnInvalidIdAndCertificate() {
        Mailbox base = TestMailboxes.smtpOutbox();
        Mailbox bad = new Mailbox("has space", base.name(), base.type(), true, null, base.host(), 587, "u", null,
                "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----", null, null, null, null, null, null,
                base.fromAddress(), null, null, null, null, null, null);

        assertThat(fields(bad, true)).containsExactly("id", "trustedCertificatePem");
    }

    @Test
    void namesEachRuleByAStableCodeWithTheValuesItsMessageNeeds() {
        Mailbox in = new Mailbox("i", "In", MailboxType.INBOUND, true, null, "imap.x.example", 0, null, null, null,
                InboundProtocol.IMAP, "INBOX", 5, AfterRead.NONE, null, null, null, null, null, null, null, null, null);

        List<FieldViolation> violations = MailboxValidator.validate(in.withDefaults(), false);

        assertThat(violations).extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("port", "mailbox.port.range"), tuple("username", MailboxValidator.REQUIRED),
                        tuple("password", MailboxValidator.REQUIRED),
                        tuple("pollIntervalSeconds", "mailbox.pollInterval.range"));
        assertThat(violations.get(3).arguments()).containsExactly(10, 86_400);
        assertThat(violations.get(3).message()).isEqualTo("must be 10 to 86400");
    }

    @Test
    void describesTheMailboxWithoutItsPassword() {
        assertThat(TestMailboxes.imapsInbox().withDefaults().describe())
                .isEqualTo("imaps://soporte%40xpto.example@imap.xpto.example:993/INBOX");
    }

    private static List<String> fields(Mailbox mailbox, boolean hasPassword) {
        return MailboxValidator.validate(mailbox.withDefaults(), hasPassword).stream().map(FieldViolation::field).toList();
    }
}
