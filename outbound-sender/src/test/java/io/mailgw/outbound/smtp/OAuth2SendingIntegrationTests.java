package io.mailgw.outbound.smtp;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import org.junit.jupiter.api.AfterAll;
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
 * The sender logs in to an OAuth2 outbox with SASL XOAUTH2 and an access token from a real HTTPS
 * token endpoint ({@link TestOutboxes} outboxes on GreenMail, which takes the user's password as
 * the one token it accepts). Tokens are renewed 1 s before they expire here.
 */
@SpringBootTest(properties = {"spring.config.name=outbound-sender", "mailgw.oauth2.refresh-margin=1s",
        "resilience4j.retry.instances.smtp.wait-duration=20ms"})
class OAuth2SendingIntegrationTests {

    private static final String CLIENT_SECRET = "sender-cl1ent-s3cret";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);
    private static final TestOAuth2Provider PROVIDER = TestOAuth2Provider.start();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @Autowired
    SmtpMailSender sender;

    @Autowired
    MailboxStatusRecorder outboxHealth;

    private String id;
    private String user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SenderTopics.named("it-oauth2-sending").register(registry, "outbound-oauth2-sending");
        registry.add("mailgw.oauth2.trusted-certificate-pem", TestCertificate::pem);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void outboxPerTest(TestInfo test) {
        id = "mbx-" + test.getTestMethod().orElseThrow().getName();
        user = id + "@xpto.example";
        PROVIDER.registerClient(id, CLIENT_SECRET);
        PROVIDER.accessTokenLifetime(Duration.ofHours(1));
        PROVIDER.issueAccessTokensAs("token-1-" + id);
        greenMail.setUser(user, user, "token-1-" + id);
    }

    @Test
    void sendsThroughAnOutboxThatLogsInWithItsAccessToken() {
        String subject = EngineRequests.uniqueId("oauth2");

        SendOutcome outcome = send(outbox(clientCredentials()), subject);

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(ReceivedMail.withSubject(greenMail, subject)).hasSize(1);
        assertThat(outboxHealth.read(id).state()).isEqualTo(MailboxState.OK);
    }

    @Test
    void anExpiredTokenIsRenewedBeforeTheNextLogin() {
        PROVIDER.accessTokenLifetime(Duration.ofSeconds(3));
        Mailbox outbox = outbox(clientCredentials());
        assertThat(send(outbox, EngineRequests.uniqueId("first"))).isInstanceOf(SendOutcome.Sent.class);

        PROVIDER.issueAccessTokensAs("token-2-" + id);
        greenMail.getUserManager().getUser(user).setPassword("token-2-" + id);
        String subject = EngineRequests.uniqueId("second");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(outbox, subject) instanceof SendOutcome.Sent);
        assertThat(ReceivedMail.withSubject(greenMail, subject)).hasSize(1);
        assertThat(PROVIDER.accessTokens()).contains("token-2-" + id);
    }

    @Test
    void aTokenEndpointThatIsDownIsATransientFailureNamingIt() {
        Mailbox outbox = outbox(clientCredentials());
        PROVIDER.goDown();
        SendOutcome outcome;
        try {
            outcome = send(outbox, EngineRequests.uniqueId("down"));
        }
        finally {
            PROVIDER.comeBack();
        }

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, failed -> {
            assertThat(failed.failure().retryable()).isTrue();
            assertThat(failed.failure().reason()).startsWith("the token endpoint https://127.0.0.1:")
                    .contains("unreachable").doesNotContain(CLIENT_SECRET);
        });
        assertThat(send(outbox, EngineRequests.uniqueId("back"))).isInstanceOf(SendOutcome.Sent.class);
    }

    @Test
    void aRevokedSignInFailsAtOnceAndSaysSignInAgain() {
        String refreshToken = PROVIDER.issueRefreshToken(id);
        PROVIDER.revoke(refreshToken);
        Mailbox outbox = outbox(new RefreshTokenLogin(client(), CIPHER.encrypt(refreshToken, id), user, null));

        SendOutcome outcome = send(outbox, EngineRequests.uniqueId("revoked"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, failed -> {
            assertThat(failed.failure().code()).isEqualTo("SMTP_AUTH_FAILED");
            assertThat(failed.failure().retryable()).isFalse();
            assertThat(failed.failure().reason()).startsWith("sign in again: ").doesNotContain(refreshToken);
        });
        assertThat(outboxHealth.read(id).state()).isEqualTo(MailboxState.AUTH_FAILED);
    }

    private SendOutcome send(Mailbox outbox, String subject) {
        return sender.send(new SendMailRequested(EngineRequests.uniqueId("req"), null, OutboxChoice.DEFAULT,
                List.of("ana@cliente.example"), null, null, null, subject, "Texto de prueba.", null, null, null, null,
                null), outbox, "<" + subject + "@gateway.example>");
    }

    private ClientCredentialsLogin clientCredentials() {
        return new ClientCredentialsLogin(client());
    }

    /** The test provider's client of this outbox, its secret encrypted for it. */
    private OAuth2Client client() {
        return new OAuth2Client(OAuth2Provider.GENERIC, null, id, CIPHER.encrypt(CLIENT_SECRET, id),
                PROVIDER.tokenUri(), "mail");
    }

    private Mailbox outbox(MailboxAuth auth) {
        return TestOutboxes.plainSmtp(id, greenMail.getSmtp().getPort(), user).toBuilder().username(user)
                .authRequired(true).auth(auth).build();
    }
}
