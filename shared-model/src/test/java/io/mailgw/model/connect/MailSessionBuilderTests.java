package io.mailgw.model.connect;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailSessionBuilderTests {

    private final MailEndpoint endpoint = new MailEndpoint(
            new CheckedAddress("mail.x.example", 587, List.of(InetAddress.getLoopbackAddress())), null);

    @Test
    void anOutboxWithStartTlsRequiresTheUpgradeAndLogsIn() {
        Mailbox outbox = outbox(SmtpSecurity.STARTTLS, true);

        Properties session = MailSessionBuilder.forMailbox(outbox, endpoint)
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(1500))
                .build().getProperties();

        assertThat(session).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000").containsEntry("mail.smtp.timeout", "30000")
                .containsEntry("mail.smtp.writetimeout", "1500").containsEntry("mail.transport.protocol", "smtp")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        assertThat(session.get("mail.smtp.socketFactory")).isInstanceOf(PinnedSocketFactory.class);
        assertThat(session.get("mail.smtp.ssl.socketFactory")).isInstanceOf(PinnedSslSocketFactory.class);
    }

    @Test
    void anSslOutboxSpeaksSmtpsWithoutStartTlsAndARelayLogsInNot() {
        Properties session = MailSessionBuilder.forMailbox(outbox(SmtpSecurity.SSL, false), endpoint).build()
                .getProperties();

        assertThat(session).containsEntry("mail.transport.protocol", "smtps")
                .containsEntry("mail.smtps.starttls.enable", "false").containsEntry("mail.smtps.auth", "false");
    }

    @Test
    void anInboxSpeaksItsProtocolWithTheCallersOptions() {
        Mailbox inbox = Mailbox.builder().type(MailboxType.INBOUND).protocol(InboundProtocol.IMAPS).build();

        Properties session = MailSessionBuilder.forMailbox(inbox, endpoint).option("peek", "true").build()
                .getProperties();

        assertThat(session).containsEntry("mail.store.protocol", "imaps").containsEntry("mail.imaps.peek", "true");
        assertThat(session.get("mail.imaps.socketFactory")).isInstanceOf(PinnedSocketFactory.class);
    }

    @Test
    void aPlainInboxUpgradesWithStartTlsAndByDefaultRequiresIt() {
        Mailbox inbox = Mailbox.builder().type(MailboxType.INBOUND).protocol(InboundProtocol.POP3).build();

        Properties session = MailSessionBuilder.forMailbox(inbox, endpoint).build().getProperties();

        assertThat(session).containsEntry("mail.pop3.starttls.enable", "true")
                .containsEntry("mail.pop3.starttls.required", "true");
    }

    @Test
    void aPlainInboxWithoutRequireTlsStillUpgradesWhenTheServerOffersIt() {
        Mailbox inbox = Mailbox.builder().type(MailboxType.INBOUND).protocol(InboundProtocol.IMAP).requireTls(false)
                .build();

        Properties session = MailSessionBuilder.forMailbox(inbox, endpoint).build().getProperties();

        assertThat(session).containsEntry("mail.imap.starttls.enable", "true")
                .containsEntry("mail.imap.starttls.required", "false");
    }

    @Test
    void anImplicitTlsInboxNeedsNoStartTls() {
        Mailbox inbox = Mailbox.builder().type(MailboxType.INBOUND).protocol(InboundProtocol.IMAPS).build();

        Properties session = MailSessionBuilder.forMailbox(inbox, endpoint).build().getProperties();

        assertThat(session).doesNotContainKey("mail.imaps.starttls.enable").doesNotContainKey("mail.imaps.starttls.required");
    }

    @Test
    void socketChannelsGiveChannelBackedPinnedSocketsAndWriteTimeoutsShareOneScheduler() throws Exception {
        Mailbox inbox = Mailbox.builder().type(MailboxType.INBOUND).protocol(InboundProtocol.IMAP).build();

        Properties session = MailSessionBuilder.forMailbox(inbox, endpoint).socketChannels()
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)).build().getProperties();

        assertThat(session).containsEntry("mail.imap.usesocketchannels", "true");
        try (java.net.Socket socket = ((javax.net.SocketFactory) session.get("mail.imap.socketFactory")).createSocket()) {
            assertThat(socket).isInstanceOf(PinnedChannelSocket.class);
        }
        assertThat(session.get("mail.imap.executor.writetimeout")).isSameAs(WriteTimeoutScheduler.SHARED);
    }

    @Test
    void anOAuth2MailboxLogsInWithXoauth2Only() {
        ClientCredentialsLogin oauth2 = new ClientCredentialsLogin(new OAuth2Client(OAuth2Provider.MICROSOFT, "contoso",
                "client", null, null, null));
        Mailbox inbox = Mailbox.builder().type(MailboxType.INBOUND).protocol(InboundProtocol.POP3S).auth(oauth2).build();
        Mailbox outbox = outbox(SmtpSecurity.STARTTLS, true).toBuilder().auth(oauth2).build();

        Properties pop3 = MailSessionBuilder.forMailbox(inbox, endpoint).build().getProperties();
        Properties smtp = MailSessionBuilder.forMailbox(outbox, endpoint).build().getProperties();

        assertThat(pop3).containsEntry("mail.pop3s.auth.mechanisms", "XOAUTH2");
        assertThat(smtp).containsEntry("mail.smtp.auth.mechanisms", "XOAUTH2").containsEntry("mail.smtp.auth", "true");
        assertThat(MailSessionBuilder.forMailbox(outbox(SmtpSecurity.STARTTLS, true), endpoint).build().getProperties())
                .doesNotContainKey("mail.smtp.auth.mechanisms");
    }

    private static Mailbox outbox(SmtpSecurity security, boolean login) {
        return Mailbox.builder().type(MailboxType.OUTBOUND).host("mail.x.example").port(587)
                .from("noreply@x.example", null).security(security).authRequired(login).build();
    }
}
