package io.mailgw.model.mailbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.mailgw.model.FieldViolation;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.SecretField;

/**
 * The rules of an OAuth2 login (CONTRACT §4, {@code auth}): which grants each provider offers for
 * mail, the fields each needs, and a token endpoint that is an {@code https://} URL. Whether that
 * endpoint may be connected to is the connect guard's decision, when a token is asked for.
 */
final class OAuth2Rules {

    /** A tenant goes into the token endpoint's path: a GUID or a domain name, nothing else. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");
    /** Scope tokens as RFC 6749 §3.3 allows them, separated by spaces. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e ]+");
    private static final int MAX_CLIENT_ID = 200;
    private static final int MAX_SCOPE = 1000;
    private static final Map<OAuth2Provider, Set<OAuth2Grant>> GRANTS = Map.of(
            OAuth2Provider.MICROSOFT, EnumSet.of(OAuth2Grant.CLIENT_CREDENTIALS, OAuth2Grant.REFRESH_TOKEN),
            OAuth2Provider.GOOGLE, EnumSet.of(OAuth2Grant.REFRESH_TOKEN, OAuth2Grant.JWT_BEARER),
            OAuth2Provider.GENERIC, EnumSet.allOf(OAuth2Grant.class));

    private OAuth2Rules() {
    }

    /**
     * @param present whether a secret is stored or given now
     */
    static void check(Mailbox mailbox, OAuth2Login login, Predicate<SecretField> present,
            List<FieldViolation> violations) {
        if (mailbox.isOutbound() && !mailbox.outbound().needsLogin()) {
            violations.add(FieldViolation.of("authRequired", "mailbox.auth.loginRequired",
                    "must be true with auth.method OAUTH2, which logs in"));
        }
        OAuth2Client client = login.client();
        if (client.provider() == null) {
            violations.add(FieldViolation.of("auth.provider", "mailbox.auth.provider.required",
                    "required: MICROSOFT, GOOGLE or GENERIC"));
            return;
        }
        if (!GRANTS.get(client.provider()).contains(login.grant())) {
            violations.add(FieldViolation.of("auth.grant", "mailbox.auth.grant.unsupported", "must be one of "
                    + GRANTS.get(client.provider()) + " with provider " + client.provider(),
                    GRANTS.get(client.provider()).toString(), client.provider()));
        }
        checkClient(client, login.grant(), violations);
        checkSecrets(login, present, violations);
    }

    private static void checkClient(OAuth2Client client, OAuth2Grant grant, List<FieldViolation> violations) {
        boolean microsoft = client.provider() == OAuth2Provider.MICROSOFT;
        boolean generic = client.provider() == OAuth2Provider.GENERIC;
        String clientId = client.clientId();
        if (grant != OAuth2Grant.JWT_BEARER && MailboxValidator.blank(clientId)) {
            violations.add(FieldViolation.of("auth.clientId", MailboxValidator.REQUIRED, "required"));
        }
        else if (clientId != null && (clientId.length() > MAX_CLIENT_ID || MailboxValidator.hasLineBreak(clientId))) {
            violations.add(FieldViolation.of("auth.clientId", "mailbox.auth.clientId.invalid",
                    "at most " + MAX_CLIENT_ID + " characters, on one line", MAX_CLIENT_ID));
        }
        if (microsoft && (client.tenantId() == null || !TENANT.matcher(client.tenantId()).matches())) {
            violations.add(FieldViolation.of("auth.tenantId", "mailbox.auth.tenantId.invalid",
                    "required with MICROSOFT: the directory (tenant) id or a domain such as contoso.onmicrosoft.com"));
        }
        else if (!microsoft && client.tenantId() != null) {
            violations.add(FieldViolation.of("auth.tenantId", "mailbox.auth.tenantId.notAllowed",
                    "only MICROSOFT has a tenant"));
        }
        if (generic && MailboxValidator.blank(client.tokenUri())) {
            violations.add(FieldViolation.of("auth.tokenUri", "mailbox.auth.tokenUri.required",
                    "required with GENERIC: the provider's token endpoint, an https:// URL"));
        }
        else if (client.tokenUri() != null && !isHttpsUrl(client.tokenUri())) {
            violations.add(FieldViolation.of("auth.tokenUri", "mailbox.auth.tokenUri.invalid",
                    "must be an https:// URL without user name or fragment"));
        }
        if (generic && MailboxValidator.blank(client.scope())) {
            violations.add(FieldViolation.of("auth.scope", "mailbox.auth.scope.required",
                    "required with GENERIC: the scopes of mail access, separated by spaces"));
        }
        else if (client.scope() != null && (client.scope().length() > MAX_SCOPE || !SCOPE.matcher(client.scope()).matches())) {
            violations.add(FieldViolation.of("auth.scope", "mailbox.auth.scope.invalid",
                    "at most " + MAX_SCOPE + " characters: scopes of printable ASCII without quotes or backslashes, "
                    + "separated by spaces", MAX_SCOPE));
        }
    }

    private static void checkSecrets(OAuth2Login login, Predicate<SecretField> present, List<FieldViolation> violations) {
        OAuth2Provider provider = login.client().provider();
        boolean secretNeeded = login.grant() == OAuth2Grant.CLIENT_CREDENTIALS
                || login.grant() == OAuth2Grant.REFRESH_TOKEN && provider == OAuth2Provider.GOOGLE;
        if (secretNeeded && !present.test(SecretField.CLIENT_SECRET)) {
            violations.add(FieldViolation.of(SecretField.CLIENT_SECRET.path(), MailboxValidator.REQUIRED, "required"));
        }
        if (login.grant() == OAuth2Grant.JWT_BEARER && !present.test(SecretField.SERVICE_ACCOUNT_KEY)) {
            violations.add(FieldViolation.of(SecretField.SERVICE_ACCOUNT_KEY.path(), MailboxValidator.REQUIRED,
                    "required: the service account's JSON key"));
        }
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null
                    && uri.getFragment() == null && value.length() <= 2000;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }
}
