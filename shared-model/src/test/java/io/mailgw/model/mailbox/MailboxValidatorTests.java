package io.mailgw.model.mailbox;

import java.util.List;
import java.util.Set;

import io.mailgw.model.FieldViolation;
import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.JwtBearerLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MailboxValidatorTests {

    @Test
    void fillsTheDefaultsOfEachType() {
        Mailbox inbox = TestMailboxes.imapsInbox().withDefaults();
        Mailbox pop3 = TestMailboxes.pop3Inbox().withDefaults();
        Mailbox outbox = TestMailboxes.smtpOutbox().withDefaults();

        assertThat(inbox.server().port()).isEqualTo(993);
        assertThat(inbox.inbound().folder()).isEqualTo("INBOX");
        assertThat(inbox.inbound().pollIntervalSeconds()).isEqualTo(60);
        assertThat(inbox.inbound().afterRead()).isEqualTo(AfterRead.MARK_SEEN);
        assertThat(inbox.inbound().startFrom()).isEqualTo(StartFrom.NOW);
        assertThat(inbox.inbound().idle()).isTrue();
        assertThat(inbox.inbound().requireTls()).isTrue();
        assertThat(pop3.server().port()).isEqualTo(110);
        assertThat(pop3.inbound().afterRead()).isEqualTo(AfterRead.NONE);
        assertThat(outbox.server().port()).isEqualTo(587);
        assertThat(outbox.outbound().security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(outbox.outbound().authRequired()).isTrue();
        assertThat(outbox.outbound().maxConnections()).isEqualTo(4);
        assertThat(outbox.outbound().maxPerMinute()).isNull();
        assertThat(outbox.inbound()).isNull();
    }

    @Test
    void acceptsCompleteMailboxesOfBothTypes() {
        assertThat(fields(TestMailboxes.imapsInbox(), true)).isEmpty();
        assertThat(fields(TestMailboxes.smtpOutbox(), true)).isEmpty();
    }

    @Test
    void namesEachMissingCommonField() {
        Mailbox empty = Mailbox.builder().type(MailboxType.OUTBOUND).build();

        assertThat(fields(empty, false)).contains("name", "host", "username", "password", "fromAddress");
    }

    @Test
    void outboxWithoutAuthNeedsNoCredentials() {
        Mailbox noAuth = Mailbox.builder().id("o").name("Relay").type(MailboxType.OUTBOUND).host("relay.example")
                .port(25).from("noreply@x.example", null).security(SmtpSecurity.NONE).authRequired(false).build();

        assertThat(fields(noAuth, false)).isEmpty();
    }

    @Test
    void pop3HasOnlyInboxAndNoMarkSeen() {
        Mailbox pop3 = TestMailboxes.pop3Inbox();
        Mailbox wrong = pop3.toBuilder().port(110).folder("Archive").pollIntervalSeconds(60)
                .afterRead(AfterRead.MARK_SEEN, null).build();

        assertThat(fields(wrong, true)).containsExactly("folder", "afterRead");
    }

    @Test
    void moveNeedsATargetFolderAndRefusesOneOtherwise() {
        Mailbox move = inbox("imap.x.example", 993, "u", InboundProtocol.IMAPS).afterRead(AfterRead.MOVE, null).build();

        assertThat(fields(move, true)).containsExactly("moveToFolder");
    }

    @Test
    void refusesBadPortsHostsPollIntervalsAndSenders() {
        Mailbox in = inbox("bad host!", 70000, "u", InboundProtocol.IMAP).pollIntervalSeconds(5)
                .afterRead(AfterRead.NONE, null).build();
        Mailbox out = Mailbox.builder().id("o").name("Out").type(MailboxType.OUTBOUND).host("smtp.x.example").port(587)
                .username("u").from("Ana <ana@x.example>", null).maxConnections(0).maxPerMinute(0).build();

        assertThat(fields(in, true)).containsExactly("host", "port", "pollIntervalSeconds");
        assertThat(fields(out, true)).containsExactly("fromAddress", "maxConnections", "maxPerMinute");
    }

    @Test
    void refusesAnInvalidIdAndCertificate() {
        Mailbox base = TestMailboxes.smtpOutbox();
        Mailbox bad = base.toBuilder().id("has space").port(587).username("u")
                .trustedCertificatePem("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----").build();

        assertThat(fields(bad, true)).containsExactly("id", "trustedCertificatePem");
    }

    @Test
    void namesEachRuleByAStableCodeWithTheValuesItsMessageNeeds() {
        Mailbox in = inbox("imap.x.example", 0, null, InboundProtocol.IMAP).pollIntervalSeconds(5)
                .afterRead(AfterRead.NONE, null).build();

        List<FieldViolation> violations = MailboxValidator.validate(in.withDefaults(), Set.of());

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

    @Test
    void acceptsEachOAuth2GrantItsProviderOffersWithTheSecretsItNeeds() {
        Mailbox app = oauth2(new ClientCredentialsLogin(client(OAuth2Provider.MICROSOFT, "contoso.onmicrosoft.com", null)));
        Mailbox delegated = oauth2(new RefreshTokenLogin(client(OAuth2Provider.MICROSOFT, "0b7c-tenant", null), null,
                null, null));
        Mailbox google = oauth2(new JwtBearerLogin(new OAuth2Client(OAuth2Provider.GOOGLE, null, null, null, null, null),
                null, "soporte@xpto.example"));
        Mailbox generic = oauth2(new ClientCredentialsLogin(new OAuth2Client(OAuth2Provider.GENERIC, null, "mail-gw", null,
                "https://idp.xpto.example/realms/mail/protocol/openid-connect/token", "mail offline_access")));

        assertThat(oauth2Fields(app, SecretField.CLIENT_SECRET)).isEmpty();
        assertThat(oauth2Fields(delegated)).as("signing in comes after saving").isEmpty();
        assertThat(oauth2Fields(google, SecretField.SERVICE_ACCOUNT_KEY)).isEmpty();
        assertThat(oauth2Fields(generic, SecretField.CLIENT_SECRET)).isEmpty();
    }

    @Test
    void namesWhatAnOAuth2LoginLacksOrHasWrong() {
        Mailbox noSecret = oauth2(new ClientCredentialsLogin(client(OAuth2Provider.MICROSOFT, null, null)));
        Mailbox google = oauth2(new ClientCredentialsLogin(client(OAuth2Provider.GOOGLE, "tenant", "http://x.example/t")));
        Mailbox generic = oauth2(new RefreshTokenLogin(client(OAuth2Provider.GENERIC, null, null), null, null, null));
        Mailbox key = oauth2(new JwtBearerLogin(client(OAuth2Provider.GOOGLE, null, null), null, null));
        Mailbox relay = oauth2(new ClientCredentialsLogin(client(OAuth2Provider.MICROSOFT, "t", null)))
                .toBuilder().authRequired(false).build();

        assertThat(oauth2Fields(noSecret)).containsExactly("auth.tenantId", "auth.clientSecret");
        assertThat(oauth2Fields(google, SecretField.CLIENT_SECRET))
                .containsExactly("auth.grant", "auth.tenantId", "auth.tokenUri");
        assertThat(oauth2Fields(generic)).containsExactly("auth.tokenUri", "auth.scope");
        assertThat(oauth2Fields(key, SecretField.CLIENT_SECRET)).containsExactly("auth.serviceAccountKey");
        assertThat(oauth2Fields(relay, SecretField.CLIENT_SECRET)).containsExactly("authRequired");
    }

    private static Mailbox oauth2(MailboxAuth auth) {
        return TestMailboxes.smtpOutbox().toBuilder().auth(auth).build();
    }

    private static OAuth2Client client(OAuth2Provider provider, String tenant, String tokenUri) {
        return new OAuth2Client(provider, tenant, "0b7c-client", null, tokenUri, null);
    }

    private static List<String> oauth2Fields(Mailbox mailbox, SecretField... given) {
        return MailboxValidator.validate(mailbox.withDefaults(), Set.of(given)).stream().map(FieldViolation::field)
                .toList();
    }

    private static Mailbox.Builder inbox(String host, int port, String username, InboundProtocol protocol) {
        return Mailbox.builder().id("i").name("In").type(MailboxType.INBOUND).host(host).port(port).username(username)
                .protocol(protocol).folder("INBOX").pollIntervalSeconds(60);
    }

    private static List<String> fields(Mailbox mailbox, boolean hasPassword) {
        return MailboxValidator.validate(mailbox.withDefaults(), hasPassword ? Set.of(SecretField.PASSWORD) : Set.of())
                .stream().map(FieldViolation::field).toList();
    }
}
