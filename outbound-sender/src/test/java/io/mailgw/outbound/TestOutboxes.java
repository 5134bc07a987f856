package io.mailgw.outbound;

import java.time.Instant;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.secret.EncryptedSecret;

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
                                            EncryptedSecret password) {
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
    public static Mailbox smtps(String id, int port, String fromAddress, String username, EncryptedSecret password,
                                String trustedCertificatePem) {
        return on(outbox(id, true, port, fromAddress, username, password), "127.0.0.1", SmtpSecurity.SSL,
                trustedCertificatePem);
    }

    /** An inbound mailbox, which is never usable as an outbox. */
    public static Mailbox imapInbox(String id) {
        return Mailbox.builder().id(id).name("Inbox " + id).type(MailboxType.INBOUND).host("127.0.0.1").port(143)
                .username("user").password(new EncryptedSecret("v2:00000000:AAAA")).createdAt(CREATED).updatedAt(CREATED)
                .build().withDefaults();
    }

    private static Mailbox on(Mailbox o, String host, SmtpSecurity security, String trustedCertificatePem) {
        return o.toBuilder().host(host).security(security).trustedCertificatePem(trustedCertificatePem).build();
    }

    private static Mailbox outbox(String id, boolean enabled, int port, String fromAddress, String username,
                                  EncryptedSecret password) {
        return Mailbox.builder().id(id).name("Outbox " + id).type(MailboxType.OUTBOUND).enabled(enabled)
                .host("127.0.0.1").port(port).username(username).password(password)
                .from(fromAddress, "Gateway " + id).security(SmtpSecurity.NONE).authRequired(username != null)
                .createdAt(CREATED).updatedAt(CREATED).build();
    }
}
