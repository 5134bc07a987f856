package io.mailgw.model.oauth;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.mailbox.Mailbox;

/**
 * Microsoft's and Google's presets of the general OAuth2 form: where their token and sign-in
 * endpoints are, and which scopes mail access needs for a mailbox's protocol. A mailbox's own
 * {@code tokenUri} and {@code scope} win over the preset; {@code GENERIC} has only its own.
 */
public final class ProviderEndpoints {

    /** Microsoft 365's mail resource: its {@code .default} scope asks for the app roles granted to an app. */
    static final String OUTLOOK = "https://outlook.office365.com/";
    static final String GOOGLE_MAIL = "https://mail.google.com/";
    /** What signing in adds to learn the account: an OpenID Connect id token with the e-mail address. */
    private static final List<String> IDENTITY = List.of("openid", "email");

    private final OAuth2Properties properties;

    public ProviderEndpoints(OAuth2Properties properties) {
        this.properties = properties;
    }

    /** The token endpoint the mailbox's grant is asked at. */
    public URI tokenUri(OAuth2Client client) {
        if (client.tokenUri() != null) {
            return URI.create(client.tokenUri());
        }
        return switch (client.provider()) {
            case MICROSOFT -> URI.create(microsoft(client.tenantId(), "token"));
            case GOOGLE -> URI.create(properties.google().tokenUri());
            case GENERIC -> throw new IllegalArgumentException("a GENERIC provider names its token endpoint itself");
        };
    }

    /** Whether an admin can sign in for this login on the admin page: Microsoft or Google, delegated. */
    public static boolean offersSignIn(OAuth2Login login) {
        return login.grant() == OAuth2Grant.REFRESH_TOKEN && login.client().provider() != OAuth2Provider.GENERIC;
    }

    /** Where an admin signs in (authorization code with PKCE). */
    public String authorizationUri(OAuth2Client client) {
        return switch (client.provider()) {
            case MICROSOFT -> microsoft(client.tenantId(), "authorize");
            case GOOGLE -> properties.google().authorizationUri();
            case GENERIC -> throw new IllegalArgumentException("signing in is offered for MICROSOFT and GOOGLE");
        };
    }

    /** The scopes an access token is asked with. */
    public List<String> scopes(Mailbox mailbox, OAuth2Login login) {
        OAuth2Client client = login.client();
        if (client.scope() != null && !client.scope().isBlank()) {
            return Arrays.stream(client.scope().trim().split("\\s+")).toList();
        }
        return switch (client.provider()) {
            case MICROSOFT -> login.grant() == OAuth2Grant.CLIENT_CREDENTIALS ? List.of(OUTLOOK + ".default")
                    : List.of(OUTLOOK + delegatedScope(mailbox), "offline_access");
            case GOOGLE -> List.of(GOOGLE_MAIL);
            case GENERIC -> throw new IllegalArgumentException("a GENERIC provider names its scopes itself");
        };
    }

    /** The scopes of signing in: those of the access token, and the account's identity. */
    public List<String> signInScopes(Mailbox mailbox, OAuth2Login login) {
        List<String> scopes = new ArrayList<>(scopes(mailbox, login));
        IDENTITY.stream().filter(scope -> !scopes.contains(scope)).forEach(scopes::add);
        return scopes;
    }

    /** What the provider's sign-in page needs besides the standard parameters: Google, to hand out a refresh token. */
    public static Map<String, Object> signInParameters(OAuth2Provider provider) {
        return provider == OAuth2Provider.GOOGLE ? Map.of("access_type", "offline", "prompt", "consent")
                : Map.of("prompt", "select_account");
    }

    /** Microsoft 365's delegated permission for the mailbox's protocol. */
    private static String delegatedScope(Mailbox mailbox) {
        if (mailbox.isOutbound()) {
            return "SMTP.Send";
        }
        return mailbox.inbound().isPop3() ? "POP.AccessAsUser.All" : "IMAP.AccessAsUser.All";
    }

    private String microsoft(String tenant, String endpoint) {
        String authority = properties.microsoft().authority().replaceAll("/+$", "");
        return authority + "/" + tenant + "/oauth2/v2.0/" + endpoint;
    }
}
