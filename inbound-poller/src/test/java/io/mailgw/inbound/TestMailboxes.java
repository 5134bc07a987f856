package io.mailgw.inbound;

import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.testing.TestInfrastructure;

/**
 * Inbound mailboxes on the local GreenMail server, polled every second (the tests lower the
 * poller's floor to match), passwords encrypted under the test key. GreenMail's plain IMAP and
 * POP3 offer no STARTTLS, so the plain ones are allowed to log in without TLS ({@code requireTls} off).
 * They are polled ({@code idle} off) unless a test asks for IDLE ({@link #idling}).
 */
final class TestMailboxes {

    static final String HOST = "127.0.0.1";
    static final String CONTRACT = "xpto";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);

    private TestMailboxes() {
    }

    /** IMAP, reads all mail already there, leaves it as it is. */
    static Mailbox imapInbox(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.IMAP, port, user, password, StartFrom.ALL, AfterRead.NONE, true);
    }

    /** IMAP, only mail that arrives after the first poll. */
    static Mailbox imapInboxFromNow(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.IMAP, port, user, password, StartFrom.NOW, AfterRead.NONE, true);
    }

    /** IMAP, reads all mail and marks each message seen once published. */
    static Mailbox imapInboxMarkingSeen(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.IMAP, port, user, password, StartFrom.ALL, AfterRead.MARK_SEEN, true);
    }

    /** IMAP, reads all mail and moves each message to {@code folder} once published. */
    static Mailbox imapInboxMovingTo(String id, int port, String user, String password, String folder) {
        return inbox(id, InboundProtocol.IMAP, port, user, password, StartFrom.ALL, AfterRead.MOVE, true).toBuilder()
                .afterRead(AfterRead.MOVE, folder).build();
    }

    /** POP3, reads all mail and deletes each message from the server once published. */
    static Mailbox pop3InboxDeleting(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.POP3, port, user, password, StartFrom.ALL, AfterRead.DELETE, true);
    }

    /** IMAP, reads all mail, but switched off. */
    static Mailbox disabledImapInbox(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.IMAP, port, user, password, StartFrom.ALL, AfterRead.NONE, false);
    }

    /** POP3, reads all mail already there, leaves it on the server. */
    static Mailbox pop3Inbox(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.POP3, port, user, password, StartFrom.ALL, AfterRead.NONE, true);
    }

    /** POP3, only mail that arrives after the first poll. */
    static Mailbox pop3InboxFromNow(String id, int port, String user, String password) {
        return inbox(id, InboundProtocol.POP3, port, user, password, StartFrom.NOW, AfterRead.NONE, true);
    }

    /** IMAPS (TLS from the first byte), reads all mail, trusting {@code trustedCertificatePem} (may be null). */
    static Mailbox imapsInbox(String id, int port, String user, String password, String trustedCertificatePem) {
        return on(inbox(id, InboundProtocol.IMAPS, port, user, password, StartFrom.ALL, AfterRead.NONE, true), HOST,
                trustedCertificatePem);
    }

    /** POP3S (TLS from the first byte), reads all mail, trusting {@code trustedCertificatePem} (may be null). */
    static Mailbox pop3sInbox(String id, int port, String user, String password, String trustedCertificatePem) {
        return on(inbox(id, InboundProtocol.POP3S, port, user, password, StartFrom.ALL, AfterRead.NONE, true), HOST,
                trustedCertificatePem);
    }

    /** The same mailbox on another host, such as a name or a private address, trusting {@code trustedCertificatePem}. */
    static Mailbox on(Mailbox mailbox, String host, String trustedCertificatePem) {
        return mailbox.toBuilder().host(host).trustedCertificatePem(trustedCertificatePem).build();
    }

    /** The same mailbox waiting with IMAP IDLE (GreenMail offers it). */
    static Mailbox idling(Mailbox mailbox) {
        return mailbox.toBuilder().idle(true).build();
    }

    /** The same mailbox sending its password over TLS only, trusting {@code trustedCertificatePem} (may be null). */
    static Mailbox requiringTls(Mailbox mailbox, String trustedCertificatePem) {
        return mailbox.toBuilder().requireTls(true).trustedCertificatePem(trustedCertificatePem).build();
    }

    /** The same mailbox switched on. */
    static Mailbox enabled(Mailbox mailbox) {
        return mailbox.toBuilder().enabled(true).build();
    }

    private static Mailbox inbox(String id, InboundProtocol protocol, int port, String user, String password,
                                 StartFrom startFrom, AfterRead afterRead, boolean enabled) {
        return Mailbox.builder().id(id).name("Test " + id).type(MailboxType.INBOUND).enabled(enabled)
                .contractId(CONTRACT).host(HOST).port(port).username(user).password(CIPHER.encrypt(password, id))
                .protocol(protocol).folder("INBOX").pollIntervalSeconds(1).afterRead(afterRead, null)
                .startFrom(startFrom).requireTls(protocol.isImplicitTls()).idle(false).build();
    }
}
