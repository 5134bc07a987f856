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
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import jakarta.mail.internet.InternetAddress;
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
    SmtpOutboxes outboxes;

    @Autowired
    SmtpMessageFactory messages;

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
    void sendsThroughAnOutboxThatLogsInWithItsAccessToken() throws Exception {
        String subject = EngineRequests.uniqueId("oauth2");

        SendReport report = send(outbox(clientCredentials()), subject);

        assertThat(report.failed()).isFalse();
        assertThat(report.accepted()).containsExactly("ana@cliente.example");
        assertThat(ReceivedMail.withSubject(greenMail, subject)).hasSize(1);
    }

    @Test
    void anExpiredTokenIsRenewedBeforeTheNextLogin() throws Exception {
        PROVIDER.accessTokenLifetime(Duration.ofSeconds(3));
        Mailbox outbox = outbox(clientCredentials());
        assertThat(send(outbox, EngineRequests.uniqueId("first")).failed()).isFalse();

        PROVIDER.issueAccessTokensAs("token-2-" + id);
        greenMail.getUserManager().getUser(user).setPassword("token-2-" + id);
        String subject = EngineRequests.uniqueId("second");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !send(outbox, subject).failed());
        assertThat(ReceivedMail.withSubject(greenMail, subject)).hasSize(1);
        assertThat(PROVIDER.accessTokens()).contains("token-2-" + id);
    }

    @Test
    void aTokenEndpointThatIsDownIsATransientFailureNamingIt() throws Exception {
        Mailbox outbox = outbox(clientCredentials());
        PROVIDER.goDown();
        SendReport outcome;
        try {
            outcome = send(outbox, EngineRequests.uniqueId("down"));
        }
        finally {
            PROVIDER.comeBack();
        }

        assertThat(outcome.failure()).satisfies(failure -> {
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.isLoginRejected()).isFalse();
            assertThat(failure.reason()).startsWith("the token endpoint https://127.0.0.1:")
                    .contains("unreachable").doesNotContain(CLIENT_SECRET);
        });
        assertThat(send(outbox, EngineRequests.uniqueId("back")).failed()).isFalse();
    }

    @Test
    void aRevokedSignInFailsAtOnceAndSaysSignInAgain() throws Exception {
        String refreshToken = PROVIDER.issueRefreshToken(id);
        PROVIDER.revoke(refreshToken);
        Mailbox outbox = outbox(new RefreshTokenLogin(client(), CIPHER.encrypt(refreshToken, id), user, null));

        SendReport outcome = send(outbox, EngineRequests.uniqueId("revoked"));

        assertThat(outcome.failure()).satisfies(failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_AUTH_FAILED);
            assertThat(failure.isLoginRejected()).isTrue();
            assertThat(failure.outboxState()).isEqualTo(MailboxState.AUTH_FAILED);
            assertThat(failure.reason()).startsWith("sign in again: ").doesNotContain(refreshToken);
        });
    }

    /** Sends over a new pool, so that each send logs in: a pooled connection keeps the session it has. */
    private SendReport send(Mailbox outbox, String subject) throws Exception {
        SendMailRequested request = new SendMailRequested(EngineRequests.uniqueId("req"), null, OutboxChoice.DEFAULT,
                List.of("ana@cliente.example"), null, null, null, subject, "Texto de prueba.", null, null, null, null,
                null);
        try (SmtpOutbox smtp = outboxes.open(outbox.withDefaults())) {
            return smtp.send(messages.build(request, smtp.outbox(), "<" + subject + "@gateway.example>"),
                    List.of(new InternetAddress("ana@cliente.example")));
        }
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
