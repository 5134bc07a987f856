package io.mailgw.inbound;

import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.secret.PasswordCipher;
import io.mailgw.testing.TestInfrastructure;

/**
 * Inbound mailboxes on the local GreenMail server, polled every second (the tests lower the
 * poller's floor to match), passwords encrypted under the test key.
 */
final class TestMailboxes {

    static final String HOST = "127.0.0.1";
    static final String CONTRACT = "xpto";
    private static final PasswordCipher CIPHER = PasswordCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);

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
        Mailbox inbox = inbox(id, InboundProtocol.IMAP, port, user, password, StartFrom.ALL, AfterRead.MOVE, true);
        return new Mailbox(inbox.id(), inbox.name(), inbox.type(), true, inbox.contractId(), inbox.host(), inbox.port(),
                inbox.username(), inbox.password(), null, inbox.protocol(), inbox.folder(), inbox.pollIntervalSeconds(),
                AfterRead.MOVE, folder, inbox.startFrom(), null, null, null, null, null, null, null);
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
        return new Mailbox(mailbox.id(), mailbox.name(), mailbox.type(), mailbox.enabled(), mailbox.contractId(), host,
                mailbox.port(), mailbox.username(), mailbox.password(), trustedCertificatePem, mailbox.protocol(),
                mailbox.folder(), mailbox.pollIntervalSeconds(), mailbox.afterRead(), mailbox.moveToFolder(),
                mailbox.startFrom(), null, null, null, null, mailbox.createdAt(), mailbox.updatedAt(),
                mailbox.version());
    }

    /** The same mailbox switched on. */
    static Mailbox enabled(Mailbox mailbox) {
        return new Mailbox(mailbox.id(), mailbox.name(), mailbox.type(), true, mailbox.contractId(), mailbox.host(),
                mailbox.port(), mailbox.username(), mailbox.password(), mailbox.trustedCertificatePem(),
                mailbox.protocol(), mailbox.folder(), mailbox.pollIntervalSeconds(), mailbox.afterRead(),
                mailbox.moveToFolder(), mailbox.startFrom(), null, null, null, null, mailbox.createdAt(),
                mailbox.updatedAt(), mailbox.version());
    }

    private static Mailbox inbox(String id, InboundProtocol protocol, int port, String user, String password,
                                 StartFrom startFrom, AfterRead afterRead, boolean enabled) {
        return new Mailbox(id, "Test " + id, MailboxType.INBOUND, enabled, CONTRACT, HOST, port, user,
                CIPHER.encrypt(password), null, protocol, "INBOX", 1, afterRead, null, startFrom, null, null, null,
                null, null, null, null);
    }
}
