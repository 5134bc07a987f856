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
 * Outboxes send without TLS or AUTH, as the demo server accepts, and the inbox logs in over plain
 * IMAP with {@code requireTls} off (the demo server offers no STARTTLS; it and its demo password
 * never leave loopback); the ids are fixed so that a restart finds them and seeds nothing twice.
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
        return Mailbox.builder().id(SUPPORT_INBOX_ID).name("Demo support inbox").type(MailboxType.INBOUND)
                .contractId(CONTRACT_ID).host(host).port(imapPort).username(supportAddress()).password(password)
                .protocol(InboundProtocol.IMAP).folder(Mailbox.DEFAULT_FOLDER).pollIntervalSeconds(POLL_INTERVAL_SECONDS)
                .afterRead(AfterRead.MARK_SEEN, null).startFrom(StartFrom.ALL).requireTls(false).createdAt(now).updatedAt(now)
                .build();
    }

    private Mailbox outbox(String id, String name, String contractId, String fromAddress, String fromName) {
        return Mailbox.builder().id(id).name(name).type(MailboxType.OUTBOUND).contractId(contractId).host(host)
                .port(smtpPort).from(fromAddress, fromName).security(SmtpSecurity.NONE).authRequired(false)
                .createdAt(now).updatedAt(now).build();
    }
}
