package io.mailgw.model.oauth;

import java.net.ConnectException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.JwtBearerLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.ConnectGuardProperties;
import io.mailgw.model.connect.ConnectionFailure;
import io.mailgw.model.connect.ConnectionNotAllowedException;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.secret.StoredSecrets;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import jakarta.mail.MessagingException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access tokens from a real token endpoint over HTTPS ({@link TestOAuth2Provider}) through the
 * connect guard, with refresh tokens kept in the MongoDB wire server; time passes on a test clock.
 */
@SpringBootTest(classes = AccessTokensIntegrationTests.App.class)
class AccessTokensIntegrationTests {

    private static final TestOAuth2Provider PROVIDER = TestOAuth2Provider.start();
    private static final String SECRET = "cl13nt-s3cret";

    @Autowired
    AccessTokens tokens;
    @Autowired
    SecretCipher cipher;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MongoOperations mongo;
    @Autowired
    TestClock clock;
    @Autowired
    OAuth2Properties properties;

    private String clientId;
    private String id;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.mongoUri("shared-model-access-tokens"));
        registry.add("mailgw.secret-key", () -> TestInfrastructure.TEST_SECRET_KEY);
        registry.add("mailgw.connect-allow", () -> TestInfrastructure.CONNECT_ALLOW);
        registry.add("mailgw.oauth2.trusted-certificate-pem", TestCertificate::pem);
    }

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @BeforeEach
    void freshClient() {
        clientId = "client-" + UUID.randomUUID();
        id = "mbx-" + UUID.randomUUID().toString().substring(0, 8);
        PROVIDER.registerClient(clientId, SECRET);
        PROVIDER.rotateRefreshTokens(false);
        PROVIDER.accessTokenLifetime(Duration.ofHours(1));
        clock.reset();
    }

    @Test
    void clientCredentialsTokenIsCachedPerMailboxAndRenewedBeforeItExpires() throws Exception {
        Mailbox mailbox = save(new ClientCredentialsLogin(client(OAuth2Provider.GENERIC, cipher.encrypt(SECRET, id))));

        String first = tokens.accessTokenFor(mailbox);
        String cached = tokens.accessTokenFor(mailbox);
        clock.advance(Duration.ofHours(1).minus(properties.refreshMargin()).plusSeconds(1));
        String renewed = tokens.accessTokenFor(mailbox);

        assertThat(cached).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(requestsOf(clientId)).hasSize(2).allSatisfy(request -> assertThat(request)
                .containsEntry("grant_type", "client_credentials").containsEntry("client_secret", SECRET)
                .containsEntry("scope", "mail"));
        assertThat(PROVIDER.accessTokens()).contains(first, renewed);
    }

    @Test
    void aRefreshThatRotatesTheRefreshTokenStoresTheNewOneEncryptedAndUsesItNext() throws Exception {
        PROVIDER.rotateRefreshTokens(true);
        String original = PROVIDER.issueRefreshToken(clientId);
        Mailbox mailbox = save(signedIn(original));

        String first = tokens.accessTokenFor(mailbox);
        String stored = storedRefreshToken();
        clock.advance(Duration.ofHours(2));
        String second = tokens.accessTokenFor(mailbox);

        assertThat(stored).isNotEqualTo(original);
        assertThat(PROVIDER.validRefreshTokens()).doesNotContain(original);
        assertThat(rawMailbox().toJson()).doesNotContain(original).doesNotContain(stored).doesNotContain(first);
        assertThat(second).isNotEqualTo(first);
        List<Map<String, String>> refreshes = requestsOf(clientId);
        assertThat(refreshes).extracting(request -> request.get("refresh_token")).containsExactly(original, stored);
        assertThat(refreshes.get(0)).containsEntry("grant_type", "refresh_token");
        assertThat(refreshes.get(0).get("scope").split(" "))
                .containsExactlyInAnyOrder("https://outlook.office365.com/IMAP.AccessAsUser.All", "offline_access");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedBeforeTheNextLogin() throws Exception {
        PROVIDER.accessTokenLifetime(Duration.ofMinutes(10));
        Mailbox mailbox = save(signedIn(PROVIDER.issueRefreshToken(clientId)));

        String first = tokens.accessTokenFor(mailbox);
        clock.advance(Duration.ofMinutes(11));
        String next = tokens.accessTokenFor(mailbox);

        assertThat(next).isNotEqualTo(first);
        assertThat(requestsOf(clientId)).hasSize(2);
    }

    @Test
    void aRevokedSignInMeansSignInAgainAndIsNotAskedAgainForAWhile() throws Exception {
        String refreshToken = PROVIDER.issueRefreshToken(clientId);
        Mailbox mailbox = save(signedIn(refreshToken));
        PROVIDER.revoke(refreshToken);

        assertThatThrownBy(() -> tokens.accessTokenFor(mailbox)).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.signInRequired()).isTrue())
                .hasMessageStartingWith("sign in again: the sign-in was revoked or has expired")
                .hasMessageContaining("invalid_grant").hasMessageNotContaining(refreshToken);
        assertThatThrownBy(() -> tokens.accessTokenFor(mailbox)).isInstanceOf(TokenRefusedException.class);
        assertThat(requestsOf(clientId)).hasSize(1);

        clock.advance(properties.refusedRetry().plusSeconds(1));
        assertThatThrownBy(() -> tokens.accessTokenFor(mailbox)).isInstanceOf(TokenRefusedException.class);
        assertThat(requestsOf(clientId)).hasSize(2);
    }

    @Test
    void aWrongClientSecretIsRefusedWithoutAskingToSignIn() {
        Mailbox mailbox = save(new ClientCredentialsLogin(client(OAuth2Provider.GENERIC, cipher.encrypt("n0t-the-s3cret", id))));

        assertThatThrownBy(() -> tokens.accessTokenFor(mailbox)).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.signInRequired()).isFalse())
                .hasMessageContaining("invalid_client").hasMessageNotContaining("n0t-the-s3cret");
    }

    @Test
    void aTokenEndpointThatIsDownIsARetryableNetworkFailureAndWorksOnceBack() throws Exception {
        Mailbox mailbox = save(new ClientCredentialsLogin(client(OAuth2Provider.GENERIC, cipher.encrypt(SECRET, id))));
        PROVIDER.goDown();
        try {
            assertThatThrownBy(() -> tokens.accessTokenFor(mailbox))
                    .isInstanceOf(TokenEndpointUnavailableException.class).hasMessageContaining("unreachable")
                    .satisfies(failure -> assertThat(ConnectionFailure.classify(failure)).get()
                            .extracting(ConnectionFailure::kind).isEqualTo(ConnectionFailure.Kind.REFUSED))
                    .hasRootCauseInstanceOf(ConnectException.class);
        }
        finally {
            PROVIDER.comeBack();
        }

        assertThat(tokens.accessTokenFor(mailbox)).isEqualTo(PROVIDER.accessTokens().get(PROVIDER.accessTokens().size() - 1));
    }

    @Test
    void aServiceAccountSignsAnAssertionForItsSubject() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String email = "gateway@xpto-mail.iam.gserviceaccount.com";
        PROVIDER.trustAssertionsOf(email, keys.getPublic());
        String key = """
                {"type": "service_account", "client_email": "%s", "client_id": "1234", "private_key_id": "k1",
                 "private_key": "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----\\n"}
                """.formatted(email, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        Mailbox mailbox = save(new JwtBearerLogin(new OAuth2Client(OAuth2Provider.GOOGLE, null, null, null,
                PROVIDER.tokenUri(), null), cipher.encrypt(key, id), null));

        String token = tokens.accessTokenFor(mailbox);

        assertThat(PROVIDER.accessTokens()).contains(token);
        Map<String, String> request = PROVIDER.tokenRequests().get(PROVIDER.tokenRequests().size() - 1);
        assertThat(request).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .containsKey("assertion");
        String claims = new String(Base64.getUrlDecoder().decode(request.get("assertion").split("\\.")[1]));
        assertThat(claims).contains("\"sub\":\"soporte@xpto.example\"").contains("\"scope\":\"https://mail.google.com/\"");
    }

    @Test
    void theGuardRefusesATokenEndpointThatIsNotHttpsOrNotAllowed() throws Exception {
        Mailbox plain = save(new ClientCredentialsLogin(new OAuth2Client(OAuth2Provider.GENERIC, null, clientId,
                cipher.encrypt(SECRET, id), PROVIDER.tokenUri().replace("https:", "http:"), "mail")));
        OAuth2Properties strict = properties;
        OAuth2TokenClients unallowed = new OAuth2TokenClients(new ConnectGuard(new ConnectGuardProperties(List.of(),
                List.of(ConnectGuardProperties.MAIL_PORTS))), strict);
        AccessTokens guarded = new AccessTokens(unallowed, new OAuth2Registrations(new ProviderEndpoints(strict), cipher),
                new ProviderEndpoints(strict), cipher, new StoredRefreshTokens(mongo), strict, clock);

        assertThatThrownBy(() -> tokens.accessTokenFor(plain)).isInstanceOf(MessagingException.class)
                .hasCauseInstanceOf(ConnectionNotAllowedException.class).hasMessageContaining("not an https:// URL");
        assertThatThrownBy(() -> guarded.accessTokenFor(mailboxWith(new ClientCredentialsLogin(
                client(OAuth2Provider.GENERIC, cipher.encrypt(SECRET, id))))))
                .isInstanceOf(MessagingException.class).hasCauseInstanceOf(ConnectionNotAllowedException.class)
                .hasMessageContaining("127.0.0.1 is a loopback address; refused. Allow it with MAILGW_CONNECT_ALLOW=127.0.0.0/8");
        assertThat(requestsOf(clientId)).isEmpty();
        unallowed.destroy();
    }

    private RefreshTokenLogin signedIn(String refreshToken) {
        return new RefreshTokenLogin(new OAuth2Client(OAuth2Provider.MICROSOFT, "contoso", clientId,
                cipher.encrypt(SECRET, id), PROVIDER.tokenUri(), null), cipher.encrypt(refreshToken, id),
                "soporte@xpto.example", clock.instant());
    }

    private OAuth2Client client(OAuth2Provider provider, EncryptedSecret secret) {
        return new OAuth2Client(provider, null, clientId, secret, PROVIDER.tokenUri(), "mail");
    }

    private Mailbox mailboxWith(MailboxAuth auth) {
        return Mailbox.builder().id(id).name("OAuth2").type(MailboxType.INBOUND).host("outlook.office365.com")
                .username("soporte@xpto.example").protocol(InboundProtocol.IMAPS).auth(auth).build().withDefaults();
    }

    private Mailbox save(MailboxAuth auth) {
        return mailboxes.save(mailboxWith(auth));
    }

    private Document rawMailbox() {
        return mongo.getCollection(Mailbox.COLLECTION).find(new Document("_id", id)).first();
    }

    private String storedRefreshToken() {
        String ciphertext = rawMailbox().getEmbedded(List.of(
                StoredSecrets.ciphertextPath(SecretField.REFRESH_TOKEN).split("\\.")), String.class);
        return cipher.decrypt(new EncryptedSecret(ciphertext), id);
    }

    private static List<Map<String, String>> requestsOf(String clientId) {
        return PROVIDER.tokenRequests().stream().filter(request -> clientId.equals(request.get("client_id"))).toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        TestClock clock() {
            return new TestClock();
        }
    }
}
