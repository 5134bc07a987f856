package io.mailgw.model.oauth;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mailgw.model.auth.JwtBearerLogin;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.SecretCipher;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The one component that gives an OAuth2 mailbox its access token, for the poller, the sender
 * and the connection test alike, with Spring Security's OAuth2 client: client credentials,
 * refresh token or JWT bearer grant. Tokens are cached per mailbox (per process) and renewed when
 * they expire within {@code mailgw.oauth2.refresh-margin}, so a login always gets one that is
 * still valid. A refresh reads the mailbox's refresh token from MongoDB first (another service may
 * have rotated it), and a new one the provider sends back replaces the stored one, encrypted. A
 * refused grant is remembered for {@code mailgw.oauth2.refused-retry}, so a revoked sign-in does
 * not make every poll ask again. Never logs a token or secret.
 */
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final String ASSERTION = AccessTokens.class.getName() + ".assertion";

    private final OAuth2Registrations registrations;
    private final ProviderEndpoints endpoints;
    private final SecretCipher cipher;
    private final StoredRefreshTokens storedTokens;
    private final OAuth2Properties properties;
    private final Clock clock;
    private final ClientCredentialsOAuth2AuthorizedClientProvider clientCredentials =
            new ClientCredentialsOAuth2AuthorizedClientProvider();
    private final RefreshTokenOAuth2AuthorizedClientProvider refreshToken = new RefreshTokenOAuth2AuthorizedClientProvider();
    private final JwtBearerOAuth2AuthorizedClientProvider jwtBearer = new JwtBearerOAuth2AuthorizedClientProvider();
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public AccessTokens(OAuth2TokenClients clients, OAuth2Registrations registrations, ProviderEndpoints endpoints,
            SecretCipher cipher, StoredRefreshTokens storedTokens, OAuth2Properties properties, Clock clock) {
        this.registrations = registrations;
        this.endpoints = endpoints;
        this.cipher = cipher;
        this.storedTokens = storedTokens;
        this.properties = properties;
        this.clock = clock;
        clientCredentials.setAccessTokenResponseClient(clients.clientCredentials());
        clientCredentials.setClock(clock);
        clientCredentials.setClockSkew(properties.refreshMargin());
        refreshToken.setAccessTokenResponseClient(clients.refreshToken());
        refreshToken.setClock(clock);
        refreshToken.setClockSkew(properties.refreshMargin());
        jwtBearer.setAccessTokenResponseClient(clients.jwtBearer());
        jwtBearer.setClock(clock);
        jwtBearer.setClockSkew(properties.refreshMargin());
        jwtBearer.setJwtAssertionResolver(context -> context.getAttribute(ASSERTION));
    }

    /**
     * A valid access token for a saved mailbox, from the cache or the token endpoint.
     *
     * @throws TokenRefusedException               when the provider refused the grant ({@code AUTH_FAILED})
     * @throws TokenEndpointUnavailableException   when the endpoint is down or answers with a server error (retry later)
     * @throws MessagingException                  when the guard refuses the endpoint, with its refusal as cause
     * @throws AuthenticationFailedException       when a secret cannot be decrypted
     */
    public String accessTokenFor(Mailbox mailbox) throws MessagingException {
        OAuth2Login login = loginOf(mailbox);
        Slot slot = slots.computeIfAbsent(mailbox.id(), id -> new Slot());
        synchronized (slot) {
            slot.keepOnly(fingerprint(mailbox, login));
            Instant now = clock.instant();
            if (slot.refusal != null && now.isBefore(slot.refusedUntil)) {
                throw new TokenRefusedException(slot.refusal.getMessage(), slot.refusal.signInRequired());
            }
            try {
                OAuth2AuthorizedClient next = authorize(mailbox, login, slot.client, true);
                if (next != null) {
                    slot.client = next;
                    log.debug("Access token for {} obtained; it expires at {}", mailbox.describe(),
                            next.getAccessToken().getExpiresAt());
                }
            }
            catch (TokenRefusedException ex) {
                slot.refused(ex, now.plus(properties.refusedRetry()));
                log.warn("The token endpoint refused the OAuth2 login of {}: {}", mailbox.describe(), ex.getMessage());
                throw ex;
            }
            return slot.client.getAccessToken().getTokenValue();
        }
    }

    /**
     * An access token for values not saved (the connection test of a form): not cached. A refresh
     * token the provider rotates replaces the stored one only if that is the one that was used.
     */
    public String accessTokenOnce(Mailbox mailbox) throws MessagingException {
        OAuth2Login login = loginOf(mailbox);
        return authorize(mailbox, login, null, false).getAccessToken().getTokenValue();
    }

    /** @return a new authorized client, or {@code null} when {@code current} is still valid */
    private OAuth2AuthorizedClient authorize(Mailbox mailbox, OAuth2Login login, OAuth2AuthorizedClient current,
            boolean fromStore) throws MessagingException {
        ClientRegistration registration = registrations.forGrant(mailbox, login);
        URI tokenUri = endpoints.tokenUri(login.client());
        Authentication principal = UsernamePasswordAuthenticationToken.unauthenticated(mailbox.id(), null);
        try {
            if (login instanceof RefreshTokenLogin delegated) {
                return refresh(mailbox, delegated, registration, principal, current, fromStore);
            }
            if (current != null && !expiring(current.getAccessToken())) {
                return null;
            }
            if (login instanceof JwtBearerLogin serviceAccount) {
                Jwt assertion = assertion(mailbox, serviceAccount, tokenUri);
                return jwtBearer.authorize(OAuth2AuthorizationContext.withClientRegistration(registration)
                        .principal(principal).attribute(ASSERTION, assertion).build());
            }
            return clientCredentials.authorize(OAuth2AuthorizationContext.withClientRegistration(registration)
                    .principal(principal).build());
        }
        catch (RuntimeException ex) {
            throw TokenFailures.classify(ex, tokenUri, login.grant());
        }
    }

    private OAuth2AuthorizedClient refresh(Mailbox mailbox, RefreshTokenLogin login, ClientRegistration registration,
            Authentication principal, OAuth2AuthorizedClient current, boolean fromStore) throws MessagingException {
        if (current != null && !expiring(current.getAccessToken())) {
            return null;
        }
        EncryptedSecret used = fromStore ? storedTokens.read(mailbox.id()).orElse(login.refreshToken())
                : login.refreshToken();
        if (used == null) {
            throw TokenRefusedException.signInAgain("no account is connected to " + mailbox.describe() + " yet");
        }
        String value = decrypt(used, mailbox, "refresh token");
        List<String> scopes = endpoints.scopes(mailbox, login);
        OAuth2AuthorizedClient withRefreshToken = new OAuth2AuthorizedClient(registration, principal.getName(),
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "none", Instant.EPOCH,
                        Instant.EPOCH.plusSeconds(1)),
                new OAuth2RefreshToken(value, null));
        OAuth2AuthorizedClient next = refreshToken.authorize(OAuth2AuthorizationContext
                .withAuthorizedClient(withRefreshToken).principal(principal)
                .attribute(OAuth2AuthorizationContext.REQUEST_SCOPE_ATTRIBUTE_NAME, scopes.toArray(String[]::new))
                .build());
        if (next != null && next.getRefreshToken() != null && !value.equals(next.getRefreshToken().getTokenValue())) {
            storedTokens.replace(mailbox.id(), used, cipher.encrypt(next.getRefreshToken().getTokenValue(), mailbox.id()));
        }
        return next;
    }

    private Jwt assertion(Mailbox mailbox, JwtBearerLogin login, URI tokenUri) throws AuthenticationFailedException {
        if (login.serviceAccountKey() == null) {
            throw new AuthenticationFailedException("No service account key is stored for " + mailbox.describe());
        }
        ServiceAccountKey key;
        try {
            key = ServiceAccountKey.parse(decrypt(login.serviceAccountKey(), mailbox, "service account key"));
        }
        catch (IllegalArgumentException ex) {
            throw new AuthenticationFailedException("The service account key of " + mailbox.describe() + " cannot be "
                    + "used: " + ex.getMessage());
        }
        String subject = login.subject() != null ? login.subject() : mailbox.username();
        return key.assertion(subject, tokenUri.toString(), endpoints.scopes(mailbox, login), clock.instant());
    }

    private String decrypt(EncryptedSecret secret, Mailbox mailbox, String what) throws AuthenticationFailedException {
        try {
            return cipher.decrypt(secret, mailbox.id());
        }
        catch (IllegalStateException ex) {
            throw new AuthenticationFailedException("The " + what + " of " + mailbox.describe() + ": " + ex.getMessage());
        }
    }

    private boolean expiring(OAuth2AccessToken token) {
        return token.getExpiresAt() == null
                || !clock.instant().isBefore(token.getExpiresAt().minus(properties.refreshMargin()));
    }

    private static OAuth2Login loginOf(Mailbox mailbox) {
        if (mailbox.auth() instanceof OAuth2Login login) {
            return login;
        }
        throw new IllegalArgumentException(mailbox.describe() + " does not log in with OAuth2");
    }

    /** What a cached token depends on: any change of the login (but a rotated refresh token) starts afresh. */
    private static String fingerprint(Mailbox mailbox, OAuth2Login login) {
        OAuth2Client client = login.client();
        StringBuilder text = new StringBuilder().append(login.grant()).append('|').append(client.provider()).append('|')
                .append(client.tenantId()).append('|').append(client.clientId()).append('|')
                .append(client.clientSecret() == null ? null : client.clientSecret().ciphertext()).append('|')
                .append(client.tokenUri()).append('|').append(client.scope()).append('|').append(mailbox.username())
                .append('|').append(mailbox.isInbound() ? mailbox.inbound().protocol() : "SMTP");
        if (login instanceof RefreshTokenLogin delegated) {
            text.append('|').append(delegated.connectedAt());
        }
        if (login instanceof JwtBearerLogin serviceAccount) {
            text.append('|').append(serviceAccount.subject()).append('|').append(
                    serviceAccount.serviceAccountKey() == null ? null : serviceAccount.serviceAccountKey().ciphertext());
        }
        return text.toString();
    }

    /** One mailbox's cached token, or the refusal that is remembered instead. */
    private static final class Slot {

        private String fingerprint;
        private OAuth2AuthorizedClient client;
        private TokenRefusedException refusal;
        private Instant refusedUntil;

        void keepOnly(String current) {
            if (!current.equals(fingerprint)) {
                fingerprint = current;
                client = null;
                refusal = null;
            }
        }

        void refused(TokenRefusedException ex, Instant until) {
            client = null;
            refusal = ex;
            refusedUntil = until;
        }
    }
}
