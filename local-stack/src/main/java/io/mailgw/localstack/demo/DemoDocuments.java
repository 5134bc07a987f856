package io.mailgw.localstack.demo;

import java.time.Instant;

import io.mailgw.model.contract.Contract;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.secret.EncryptedPassword;

/**
 * The demo documents, all pointing at the demo mail server: the system default outbox, contract
 * {@code demo} with its own outbox, and an IMAP mailbox that reads the contract's support address.
 * Outboxes send without TLS or AUTH, as the demo server accepts; the ids are fixed so that a
 * restart finds them and seeds nothing twice.
 *
 * @param host     the demo mail server's address
 * @param smtpPort its plain SMTP port
 * @param imapPort its plain IMAP port
 * @param domain   the demo domain, such as {@code demo.local}
 */
record DemoDocuments(String host, int smtpPort, int imapPort, String domain, Instant now) {

    static final String DEFAULT_OUTBOX_ID = "demo-default-outbox";
    static final String CONTRACT_ID = "demo";
    static final String CONTRACT_OUTBOX_ID = "demo-outbox";
    static final String SUPPORT_INBOX_ID = "demo-support-inbox";
    static final int POLL_INTERVAL_SECONDS = 10;

    String supportAddress() {
        return "support@" + domain;
    }

    Mailbox defaultOutbox() {
        return outbox(DEFAULT_OUTBOX_ID, "Demo default outbox", null, "noreply@" + domain, "Mail gateway demo");
    }

    Mailbox contractOutbox() {
        return outbox(CONTRACT_OUTBOX_ID, "Demo contract outbox", CONTRACT_ID, supportAddress(), "Demo support");
    }

    Contract contract() {
        return new Contract(CONTRACT_ID, "Demo contract", CONTRACT_OUTBOX_ID, now, now, null);
    }

    /** The inbox of {@link #supportAddress()}, read over IMAP from the first message on. */
    Mailbox supportInbox(EncryptedPassword password) {
        return new Mailbox(SUPPORT_INBOX_ID, "Demo support inbox", MailboxType.INBOUND, true, CONTRACT_ID, host,
                imapPort, supportAddress(), password, null, InboundProtocol.IMAP, Mailbox.DEFAULT_FOLDER,
                POLL_INTERVAL_SECONDS, AfterRead.MARK_SEEN, null, StartFrom.ALL, null, null, null, null, now, now,
                null);
    }

    private Mailbox outbox(String id, String name, String contractId, String fromAddress, String fromName) {
        return new Mailbox(id, name, MailboxType.OUTBOUND, true, contractId, host, smtpPort, null, null, null, null,
                null, null, null, null, null, fromAddress, fromName, SmtpSecurity.NONE, false, now, now, null);
    }
}
