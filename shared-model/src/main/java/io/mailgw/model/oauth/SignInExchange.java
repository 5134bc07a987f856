package io.mailgw.model.oauth;

import java.net.URI;
import java.text.ParseException;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.mailgw.model.auth.OAuth2Grant;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;

/**
 * The end of signing in for a mailbox on the admin page: exchanges the authorization code, with
 * its PKCE verifier, for a refresh token at the token endpoint (through the connect guard), and
 * reads which account signed in from the OpenID Connect id token that came with it. The id token
 * comes straight from the token endpoint over verified TLS, which OpenID Connect Core §3.1.3.7
 * accepts in place of checking its signature; it is only used to show the account.
 */
public class SignInExchange {

    /** The claims that name the account, in the order they are looked for (Google, Microsoft, older Microsoft). */
    private static final List<String> ACCOUNT_CLAIMS = List.of("email", "preferred_username", "upn", "unique_name");

    private final OAuth2TokenClients clients;

    public SignInExchange(OAuth2TokenClients clients) {
        this.clients = clients;
    }

    /**
     * @throws TokenRefusedException             when the provider refused the code (expired, used, wrong verifier)
     * @throws TokenEndpointUnavailableException when the token endpoint is down
     * @throws AuthenticationFailedException     when the provider gave no refresh token
     * @throws MessagingException                when the guard refuses the token endpoint
     */
    public Connected exchange(ClientRegistration registration, OAuth2AuthorizationRequest request,
            OAuth2AuthorizationResponse response) throws MessagingException {
        OAuth2AccessTokenResponse tokens;
        try {
            tokens = clients.authorizationCode().getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration,
                    new OAuth2AuthorizationExchange(request, response)));
        }
        catch (RuntimeException ex) {
            throw TokenFailures.classify(ex, URI.create(registration.getProviderDetails().getTokenUri()),
                    OAuth2Grant.REFRESH_TOKEN);
        }
        if (tokens.getRefreshToken() == null) {
            throw new AuthenticationFailedException("The provider signed in but gave no refresh token: the app needs "
                    + "the offline_access scope (Microsoft) or offline access (Google)");
        }
        Object idToken = tokens.getAdditionalParameters().get("id_token");
        return new Connected(tokens.getRefreshToken().getTokenValue(),
                idToken instanceof String text ? account(text) : null);
    }

    private static String account(String idToken) {
        try {
            JWTClaimsSet claims = JWTParser.parse(idToken).getJWTClaimsSet();
            for (String claim : ACCOUNT_CLAIMS) {
                String value = claims.getStringClaim(claim);
                if (value != null && !value.isBlank()) {
                    return value.length() > 254 ? value.substring(0, 254) : value;
                }
            }
            return null;
        }
        catch (ParseException ex) {
            return null;
        }
    }

    /**
     * What signing in gave. Not a record: the refresh token must never print.
     */
    public static final class Connected {

        private final String refreshToken;
        private final String account;

        Connected(String refreshToken, String account) {
            this.refreshToken = refreshToken;
            this.account = account;
        }

        public String refreshToken() {
            return refreshToken;
        }

        /** The account that signed in, as the id token names it; {@code null} when it names none. */
        public String account() {
            return account;
        }

        @Override
        public String toString() {
            return "Connected[" + account + "]";
        }
    }
}
