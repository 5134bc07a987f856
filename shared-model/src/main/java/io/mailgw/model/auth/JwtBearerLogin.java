package io.mailgw.model.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.mailgw.model.secret.EncryptedSecret;

/**
 * A Google service account with domain-wide delegation: an assertion signed with its key, naming
 * {@code subject}, buys the access token.
 *
 * @param serviceAccountKey encrypted: the JSON key file Google issues for the service account
 * @param subject           the Workspace user to act for; {@code null} for the mailbox's user name
 */
public record JwtBearerLogin(OAuth2Client client, EncryptedSecret serviceAccountKey, String subject)
        implements OAuth2Login {

    @Override
    public OAuth2Grant grant() {
        return OAuth2Grant.JWT_BEARER;
    }

    @Override
    public Set<SecretField> secretFields() {
        return Set.of(SecretField.CLIENT_SECRET, SecretField.SERVICE_ACCOUNT_KEY);
    }

    @Override
    public Map<SecretField, EncryptedSecret> secrets() {
        Map<SecretField, EncryptedSecret> secrets = new EnumMap<>(SecretField.class);
        if (client.clientSecret() != null) {
            secrets.put(SecretField.CLIENT_SECRET, client.clientSecret());
        }
        if (serviceAccountKey != null) {
            secrets.put(SecretField.SERVICE_ACCOUNT_KEY, serviceAccountKey);
        }
        return secrets;
    }

    @Override
    public JwtBearerLogin withSecret(SecretField field, EncryptedSecret value) {
        return switch (field) {
            case CLIENT_SECRET -> new JwtBearerLogin(client.withClientSecret(value), serviceAccountKey, subject);
            case SERVICE_ACCOUNT_KEY -> new JwtBearerLogin(client, value, subject);
            default -> throw new IllegalArgumentException("a JWT bearer login has no " + field.jsonName());
        };
    }
}
