package io.mailgw.inbound;

import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import io.mailgw.testing.net.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller reads OAuth2 mailboxes with SASL XOAUTH2 (IMAP and POP3) and an access token from a
 * real HTTPS token endpoint ({@link TestOAuth2Provider}); GreenMail takes the user's password as the
 * one token it accepts, so a test moves the server on to a new token and sees the poller follow.
 * Tokens are renewed 1 s before they expire here.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.min-poll-interval=1s", "mailgw.oauth2.refresh-margin=1s"})
class OAuth2PollingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);
    private static final String CLIENT_SECRET = "poller-cl1ent-s3cret";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);
    private static final TestOAuth2Provider PROVIDER = TestOAuth2Provider.start();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.POP3}))
            .withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MailboxStatusRecorder status;

    private String id;
    private String user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-oauth2");
        registry.add("mailgw.oauth2.trusted-certificate-pem", TestCertificate::pem);
    }

    @BeforeEach
    void mailboxPerTest(TestInfo test) {
        id = "mbx-" + test.getTestMethod().orElseThrow().getName();
        user = id + "@xpto.example";
        PROVIDER.registerClient(id, CLIENT_SECRET);
        PROVIDER.accessTokenLifetime(Duration.ofHours(1));
        PROVIDER.issueAccessTokensAs("token-1-" + id);
        greenMail.setUser(user, user, "token-1-" + id);
        if (topic == null) {
            topic = new InboundTopic();
        }
    }

    @AfterEach
    void stopPolling() {
        mailboxes.deleteAll();
    }

    @AfterAll
    static void close() throws InterruptedException {
        PROVIDER.close();
        if (topic != null) {
            topic.close();
            topic = null;
        }
    }

    @Test
    void readsAnImapMailboxWithItsAccessToken() {
        TestMail.send(greenMail.getSmtp().getPort(), user, "Por OAuth2", "texto");
        mailboxes.save(inbox(InboundProtocol.IMAP, greenMail.getImap().getPort(), clientCredentials()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Por OAuth2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.OK));
        assertThat(PROVIDER.tokenRequests()).filteredOn(request -> id.equals(request.get("client_id"))).hasSize(1);
    }

    @Test
    void readsAPop3MailboxWithItsAccessToken() {
        TestMail.send(greenMail.getSmtp().getPort(), user, "POP3 y OAuth2", "texto");
        mailboxes.save(inbox(InboundProtocol.POP3, greenMail.getPop3().getPort(), clientCredentials()).toBuilder()
                .afterRead(AfterRead.NONE, null).build());

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("POP3 y OAuth2"));
    }

    /**
     * The poller keeps its session open between reads; a server ends a session whose token expired
     * (Exchange Online does), which the proxy plays by cutting it once the first token is past its
     * lifetime. The next connect logs in with a renewed token.
     */
    @Test
    void aTokenThatExpiresIsRenewedBeforeTheNextConnect() {
        PROVIDER.accessTokenLifetime(TOKEN_LIFETIME);
        TestMail.send(greenMail.getSmtp().getPort(), user, "Primero", "texto");
        try (TcpProxy proxy = TcpProxy.to(TestMailboxes.HOST, greenMail.getImap().getPort())) {
            mailboxes.save(inbox(InboundProtocol.IMAP, proxy.port(), clientCredentials()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).hasSize(1));
            Instant firstTokenExpired = Instant.now().plus(TOKEN_LIFETIME);

            PROVIDER.issueAccessTokensAs("token-2-" + id);
            greenMail.getUserManager().getUser(user).setPassword("token-2-" + id);
            await().atMost(WAIT).until(() -> Instant.now().isAfter(firstTokenExpired));
            proxy.cutAll();
            TestMail.send(greenMail.getSmtp().getPort(), user, "Segundo", "texto");

            await().dontCatchUncaughtExceptions().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id))
                    .extracting(MailReceived::subject).containsExactly("Primero", "Segundo"));
            assertThat(PROVIDER.accessTokens()).contains("token-2-" + id);
            assertThat(proxy.connections()).as("the cut session was replaced by a new one").isGreaterThan(1);
        }
    }

    @Test
    void aRevokedSignInPutsTheMailboxInAuthFailedSayingSignInAgain() {
        String refreshToken = PROVIDER.issueRefreshToken(id);
        PROVIDER.revoke(refreshToken);
        mailboxes.save(inbox(InboundProtocol.IMAP, greenMail.getImap().getPort(), new RefreshTokenLogin(client(),
                CIPHER.encrypt(refreshToken, id), "ana@xpto.example", null)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state())
                .isEqualTo(MailboxState.AUTH_FAILED));
        assertThat(status.read(id).lastError()).startsWith("sign in again: the sign-in was revoked or has expired")
                .doesNotContain(refreshToken);
    }

    @Test
    void aTokenEndpointThatIsDownIsRetriedUntilItIsBack() {
        TestMail.send(greenMail.getSmtp().getPort(), user, "Tras la caída", "texto");
        PROVIDER.goDown();
        try {
            mailboxes.save(inbox(InboundProtocol.IMAP, greenMail.getImap().getPort(), clientCredentials()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state())
                    .isEqualTo(MailboxState.UNREACHABLE));
        }
        finally {
            PROVIDER.comeBack();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Tras la caída"));
    }

    private ClientCredentialsLogin clientCredentials() {
        return new ClientCredentialsLogin(client());
    }

    /** The test provider's client of this mailbox, its secret encrypted for it. */
    private OAuth2Client client() {
        return new OAuth2Client(OAuth2Provider.GENERIC, null, id, CIPHER.encrypt(CLIENT_SECRET, id), PROVIDER.tokenUri(),
                "mail");
    }

    private Mailbox inbox(InboundProtocol protocol, int port, MailboxAuth auth) {
        return Mailbox.builder().id(id).name("OAuth2 " + id).type(MailboxType.INBOUND).contractId(TestMailboxes.CONTRACT)
                .host(TestMailboxes.HOST).port(port).username(user).auth(auth).protocol(protocol).folder("INBOX")
                .pollIntervalSeconds(1).afterRead(AfterRead.NONE, null).startFrom(StartFrom.ALL).requireTls(false)
                .build();
    }
}
