package io.mailgw.outbound;

import java.time.Instant;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.secret.EncryptedPassword;

/** Outbound mailboxes as the tests need them. */
public final class TestOutboxes {

    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");

    private TestOutboxes() {
    }

    /** An enabled outbox on a plain SMTP server that takes mail without login, as GreenMail does. */
    public static Mailbox plainSmtp(String id, int port, String fromAddress) {
        return outbox(id, true, port, fromAddress, null, null);
    }

    /** The same as {@link #plainSmtp} but switched off by an admin. */
    public static Mailbox disabledPlainSmtp(String id, int port, String fromAddress) {
        return outbox(id, false, port, fromAddress, null, null);
    }

    /** An enabled outbox that logs in with {@code username} and the stored (encrypted) password. */
    public static Mailbox authenticatedSmtp(String id, int port, String fromAddress, String username,
                                            EncryptedPassword password) {
        return outbox(id, true, port, fromAddress, username, password);
    }

    /** An enabled plain SMTP outbox without login on another host, such as an address the connect guard refuses. */
    public static Mailbox plainSmtpOn(String id, String host, int port, String fromAddress) {
        return on(outbox(id, true, port, fromAddress, null, null), host, SmtpSecurity.NONE, null);
    }

    /**
     * An outbox that speaks TLS from the first byte (SMTPS) to 127.0.0.1 and logs in, trusting
     * {@code trustedCertificatePem} for its server (none when {@code null}).
     */
    public static Mailbox smtps(String id, int port, String fromAddress, String username, EncryptedPassword password,
                                String trustedCertificatePem) {
        return on(outbox(id, true, port, fromAddress, username, password), "127.0.0.1", SmtpSecurity.SSL,
                trustedCertificatePem);
    }

    /** An inbound mailbox, which is never usable as an outbox. */
    public static Mailbox imapInbox(String id) {
        return new Mailbox(id, "Inbox " + id, MailboxType.INBOUND, true, null, "127.0.0.1", 143, "user",
                new EncryptedPassword("v1:AAAA"), null, null, null, null, null, null, null, null, null, null, null,
                CREATED, CREATED, null).withDefaults();
    }

    private static Mailbox on(Mailbox o, String host, SmtpSecurity security, String trustedCertificatePem) {
        return new Mailbox(o.id(), o.name(), o.type(), o.enabled(), o.contractId(), host, o.port(), o.username(),
                o.password(), trustedCertificatePem, null, null, null, null, null, null, o.fromAddress(), o.fromName(),
                security, o.authRequired(), o.createdAt(), o.updatedAt(), o.version());
    }

    private static Mailbox outbox(String id, boolean enabled, int port, String fromAddress, String username,
                                  EncryptedPassword password) {
        return new Mailbox(id, "Outbox " + id, MailboxType.OUTBOUND, enabled, null, "127.0.0.1", port, username,
                password, null, null, null, null, null, null, null, fromAddress, "Gateway " + id, SmtpSecurity.NONE,
                username != null, CREATED, CREATED, null);
    }
}
