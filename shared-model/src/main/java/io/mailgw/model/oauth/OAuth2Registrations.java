package io.mailgw.model.oauth;

import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.SecretCipher;
import jakarta.mail.AuthenticationFailedException;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * A mailbox's OAuth2 login as Spring Security's {@link ClientRegistration}, with the client secret
 * decrypted for the moment of the request: registration id the mailbox id, the token endpoint and
 * scopes of its provider, the client secret sent in the body to Microsoft and Google and with HTTP
 * Basic to any other provider (the method RFC 6749 requires them to take), none for a public client.
 */
public final class OAuth2Registrations {

    private final ProviderEndpoints endpoints;
    private final SecretCipher cipher;

    public OAuth2Registrations(ProviderEndpoints endpoints, SecretCipher cipher) {
        this.endpoints = endpoints;
        this.cipher = cipher;
    }

    /**
     * The registration the mailbox's own grant asks tokens with.
     *
     * @throws AuthenticationFailedException when the client secret cannot be decrypted, or the
     *                                       login is not one Spring Security can ask with
     */
    ClientRegistration forGrant(Mailbox mailbox, OAuth2Login login) throws AuthenticationFailedException {
        AuthorizationGrantType grant = switch (login.grant()) {
            case CLIENT_CREDENTIALS -> AuthorizationGrantType.CLIENT_CREDENTIALS;
            case REFRESH_TOKEN -> AuthorizationGrantType.REFRESH_TOKEN;
            case JWT_BEARER -> AuthorizationGrantType.JWT_BEARER;
        };
        return build(mailbox, login, builder(mailbox, login, grant)
                .scope(endpoints.scopes(mailbox, login)));
    }

    /**
     * The registration of signing in for the mailbox on the admin page: authorization code with
     * PKCE, the sign-in scopes, and {@code redirectUri} (which may hold {@code {baseUrl}}).
     *
     * @throws AuthenticationFailedException when the client secret cannot be decrypted
     */
    public ClientRegistration forSignIn(Mailbox mailbox, OAuth2Login login, String redirectUri)
            throws AuthenticationFailedException {
        return build(mailbox, login, builder(mailbox, login, AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(endpoints.signInScopes(mailbox, login))
                .authorizationUri(endpoints.authorizationUri(login.client()))
                .redirectUri(redirectUri)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build()));
    }

    private ClientRegistration.Builder builder(Mailbox mailbox, OAuth2Login login, AuthorizationGrantType grant)
            throws AuthenticationFailedException {
        OAuth2Client client = login.client();
        String secret = clientSecret(mailbox, client);
        ClientAuthenticationMethod method = secret == null ? ClientAuthenticationMethod.NONE
                : client.provider() == OAuth2Provider.GENERIC ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                : ClientAuthenticationMethod.CLIENT_SECRET_POST;
        String clientId = client.clientId() != null ? client.clientId() : mailbox.id();
        return ClientRegistration.withRegistrationId(mailbox.id()).clientName(mailbox.describe())
                .clientId(clientId).clientSecret(secret).clientAuthenticationMethod(method)
                .authorizationGrantType(grant).tokenUri(endpoints.tokenUri(client).toString());
    }

    private static ClientRegistration build(Mailbox mailbox, OAuth2Login login, ClientRegistration.Builder builder)
            throws AuthenticationFailedException {
        try {
            return builder.build();
        }
        catch (IllegalArgumentException ex) {
            throw new AuthenticationFailedException("The OAuth2 login of " + mailbox.describe() + " ("
                    + login.grant() + ") cannot be used: " + ex.getMessage());
        }
    }

    private String clientSecret(Mailbox mailbox, OAuth2Client client) throws AuthenticationFailedException {
        if (client.clientSecret() == null) {
            return null;
        }
        try {
            return cipher.decrypt(client.clientSecret(), mailbox.id());
        }
        catch (IllegalStateException ex) {
            throw new AuthenticationFailedException("The client secret of " + mailbox.describe() + ": "
                    + ex.getMessage());
        }
    }
}
