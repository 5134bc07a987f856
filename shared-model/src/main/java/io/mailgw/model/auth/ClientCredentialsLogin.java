package io.mailgw.model.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.mailgw.model.secret.EncryptedSecret;

/** App-only OAuth2: the client's id and secret buy the access token (Microsoft 365 {@code *.AccessAsApp}). */
public record ClientCredentialsLogin(OAuth2Client client) implements OAuth2Login {

    @Override
    public OAuth2Grant grant() {
        return OAuth2Grant.CLIENT_CREDENTIALS;
    }

    @Override
    public Set<SecretField> secretFields() {
        return Set.of(SecretField.CLIENT_SECRET);
    }

    @Override
    public Map<SecretField, EncryptedSecret> secrets() {
        Map<SecretField, EncryptedSecret> secrets = new EnumMap<>(SecretField.class);
        if (client.clientSecret() != null) {
            secrets.put(SecretField.CLIENT_SECRET, client.clientSecret());
        }
        return secrets;
    }

    @Override
    public ClientCredentialsLogin withSecret(SecretField field, EncryptedSecret value) {
        if (field != SecretField.CLIENT_SECRET) {
            throw new IllegalArgumentException("a client credentials login has no " + field.jsonName());
        }
        return new ClientCredentialsLogin(client.withClientSecret(value));
    }
}
