package io.mailgw.localstack.demo;

import java.time.Instant;

import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.secret.EncryptedSecret;

/**
 * The demo documents, all pointing at the demo mail server: the system default outbox, contract
 * {@code demo} with its own outbox, and an IMAP mailbox that reads the contract's support address;
 * and, logging in with OAuth2 (the demo token endpoint's app-only token, over XOAUTH2), contract
 * {@code demo-oauth2} with its outbox and an IMAP mailbox, both of the demo OAuth2 user. The
 * password outboxes send without TLS or AUTH, as the demo server accepts, and the inboxes log in over
 * plain IMAP with {@code requireTls} off (the demo server offers no STARTTLS; it and its demo
 * secrets never leave loopback); the ids are fixed so that a restart finds them and seeds nothing twice.
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
    static final String OAUTH2_CONTRACT_ID = "demo-oauth2";
    static final String OAUTH2_OUTBOX_ID = "demo-oauth2-outbox";
    static final String OAUTH2_INBOX_ID = "demo-oauth2-inbox";
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
    Mailbox supportInbox(EncryptedSecret password) {
        return Mailbox.builder().id(SUPPORT_INBOX_ID).name("Demo support inbox").type(MailboxType.INBOUND)
                .contractId(CONTRACT_ID).host(host).port(imapPort).username(supportAddress()).password(password)
                .protocol(InboundProtocol.IMAP).folder(Mailbox.DEFAULT_FOLDER).pollIntervalSeconds(POLL_INTERVAL_SECONDS)
                .afterRead(AfterRead.MARK_SEEN, null).startFrom(StartFrom.ALL).requireTls(false).createdAt(now).updatedAt(now)
                .build();
    }

    Contract oauth2Contract() {
        return new Contract(OAUTH2_CONTRACT_ID, "Demo contract (OAuth2)", OAUTH2_OUTBOX_ID, now, now, null);
    }

    /** The demo OAuth2 user's inbox, read over IMAP with the demo app's token. */
    Mailbox oauth2Inbox(DemoOAuth2 app, EncryptedSecret clientSecret) {
        return Mailbox.builder().id(OAUTH2_INBOX_ID).name("Demo OAuth2 inbox").type(MailboxType.INBOUND)
                .contractId(OAUTH2_CONTRACT_ID).host(host).port(imapPort).username(app.address())
                .auth(login(app, clientSecret)).protocol(InboundProtocol.IMAP).folder(Mailbox.DEFAULT_FOLDER)
                .pollIntervalSeconds(POLL_INTERVAL_SECONDS).afterRead(AfterRead.MARK_SEEN, null)
                .startFrom(StartFrom.ALL).requireTls(false).createdAt(now).updatedAt(now).build();
    }

    /** Contract demo-oauth2's outbox: sends as the demo OAuth2 user, logging in with the demo app's token. */
    Mailbox oauth2Outbox(DemoOAuth2 app, EncryptedSecret clientSecret) {
        return outbox(OAUTH2_OUTBOX_ID, "Demo OAuth2 outbox", OAUTH2_CONTRACT_ID, app.address(), "Demo support (OAuth2)")
                .toBuilder().username(app.address()).authRequired(true).auth(login(app, clientSecret)).build();
    }

    private static ClientCredentialsLogin login(DemoOAuth2 app, EncryptedSecret clientSecret) {
        return new ClientCredentialsLogin(new OAuth2Client(OAuth2Provider.GENERIC, null, app.clientId(), clientSecret,
                app.tokenUri(), "mail"));
    }

    private Mailbox outbox(String id, String name, String contractId, String fromAddress, String fromName) {
        return Mailbox.builder().id(id).name(name).type(MailboxType.OUTBOUND).contractId(contractId).host(host)
                .port(smtpPort).from(fromAddress, fromName).security(SmtpSecurity.NONE).authRequired(false)
                .createdAt(now).updatedAt(now).build();
    }
}
