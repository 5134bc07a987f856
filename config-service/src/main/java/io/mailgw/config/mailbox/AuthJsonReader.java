package io.mailgw.config.mailbox;

import java.util.Map;
import java.util.Set;

import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.model.auth.AuthMethod;
import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.JwtBearerLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.oauth.ServiceAccountKey;

/**
 * Reads {@code auth} of the mailbox JSON (CONTRACT §4): {@code {"method": "PASSWORD"}} (the
 * default, also when {@code auth} is absent) or an OAuth2 grant with its fields. Its secrets
 * ({@code clientSecret}, {@code refreshToken}, {@code serviceAccountKey}: the key file's text, or
 * the key file itself as a JSON object) are write-only: they go
 * to {@code secrets}, never into the login; what a response adds ({@code clientSecretSet},
 * {@code account}, ...) is accepted and ignored, so that a client may send back what it read.
 */
final class AuthJsonReader {

    static final Set<String> FIELDS = Set.of("method", "provider", "grant", "tenantId", "clientId", "clientSecret",
            "refreshToken", "serviceAccountKey", "subject", "tokenUri", "scope");
    static final Set<String> READ_ONLY = Set.of("clientSecretSet", "refreshTokenSet", "serviceAccountKeySet", "account",
            "connectedAt");
    private static final Set<String> OAUTH2_ONLY = Set.of("provider", "grant", "tenantId", "clientId", "clientSecret",
            "refreshToken", "serviceAccountKey", "subject", "tokenUri", "scope");
    /** Longest secret accepted, in characters: a service account key file is about 2,400. */
    private static final Map<SecretField, Integer> MAX_LENGTH = Map.of(SecretField.CLIENT_SECRET, 1024,
            SecretField.REFRESH_TOKEN, 8192, SecretField.SERVICE_ACCOUNT_KEY, 16_384);

    private AuthJsonReader() {
    }

    /**
     * @param secrets where the secrets given are put, by field
     */
    static MailboxAuth read(JsonFields json, Map<SecretField, String> secrets, Violations violations) {
        JsonFields auth = json.object("auth");
        auth.rejectUnknown(union(FIELDS, READ_ONLY), "auth");
        AuthMethod method = auth.oneOf("method", AuthMethod.class);
        if (method != AuthMethod.OAUTH2) {
            auth.names().stream().filter(OAUTH2_ONLY::contains).forEach(name -> violations.add("auth." + name,
                    "mailbox.auth.oauth2Only", "only with auth.method OAUTH2"));
            return MailboxAuth.none();
        }
        if (secrets.containsKey(SecretField.PASSWORD)) {
            violations.add("password", "mailbox.auth.passwordNotUsed",
                    "not used with auth.method OAUTH2 (the login is an access token); leave it out");
        }
        OAuth2Grant grant = auth.oneOf("grant", OAuth2Grant.class);
        if (grant == null && !auth.isGiven("grant")) {
            violations.add("auth.grant", "mailbox.auth.grant.required",
                    "required with OAUTH2: CLIENT_CREDENTIALS, REFRESH_TOKEN or JWT_BEARER");
        }
        OAuth2Client client = new OAuth2Client(auth.oneOf("provider", OAuth2Provider.class), auth.text("tenantId"),
                auth.text("clientId"), null, auth.text("tokenUri"), auth.text("scope"));
        MailboxAuth login = grant == OAuth2Grant.REFRESH_TOKEN ? new RefreshTokenLogin(client, null, null, null)
                : grant == OAuth2Grant.JWT_BEARER ? new JwtBearerLogin(client, null, auth.text("subject"))
                : new ClientCredentialsLogin(client);
        if (grant != OAuth2Grant.JWT_BEARER && auth.isGiven("subject")) {
            violations.add("auth.subject", "mailbox.auth.fieldOfGrant", "only with grant JWT_BEARER", "JWT_BEARER");
        }
        for (SecretField field : MAX_LENGTH.keySet()) {
            secret(auth, field, login, secrets, violations);
        }
        return login;
    }

    private static void secret(JsonFields auth, SecretField field, MailboxAuth login, Map<SecretField, String> secrets,
            Violations violations) {
        String value = field == SecretField.SERVICE_ACCOUNT_KEY ? auth.textOrObject(field.jsonName())
                : auth.text(field.jsonName());
        if (value == null) {
            return;
        }
        int max = MAX_LENGTH.get(field);
        if (!login.secretFields().contains(field)) {
            violations.add(field.path(), "mailbox.auth.fieldOfGrant", "not a field of this grant",
                    field == SecretField.REFRESH_TOKEN ? "REFRESH_TOKEN" : "JWT_BEARER");
        }
        else if (value.isEmpty() || value.length() > max) {
            violations.add(field.path(), "mailbox.secret.length", "must be 1 to " + max
                    + " characters; leave it out to keep the stored one", max);
        }
        else if (field == SecretField.SERVICE_ACCOUNT_KEY && !isServiceAccountKey(value, violations)) {
            return;
        }
        else {
            secrets.put(field, value);
        }
    }

    private static boolean isServiceAccountKey(String value, Violations violations) {
        try {
            ServiceAccountKey.parse(value);
            return true;
        }
        catch (IllegalArgumentException ex) {
            violations.add(SecretField.SERVICE_ACCOUNT_KEY.path(), "mailbox.auth.serviceAccountKey.invalid",
                    ex.getMessage());
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toSet());
    }
}
