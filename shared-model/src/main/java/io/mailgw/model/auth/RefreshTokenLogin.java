package io.mailgw.model.auth;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.mailgw.model.secret.EncryptedSecret;

/**
 * Delegated OAuth2: a refresh token, from signing in on the admin page or given once, buys the
 * access tokens; a refresh token the provider sends back in exchange replaces it.
 *
 * @param refreshToken encrypted; {@code null} until someone signs in
 * @param account      the account that signed in, as the provider named it; {@code null} when unknown
 * @param connectedAt  when the refresh token was obtained (a rotation keeps it)
 */
public record RefreshTokenLogin(OAuth2Client client, EncryptedSecret refreshToken, String account,
        Instant connectedAt) implements OAuth2Login {

    @Override
    public OAuth2Grant grant() {
        return OAuth2Grant.REFRESH_TOKEN;
    }

    @Override
    public Set<SecretField> secretFields() {
        return Set.of(SecretField.CLIENT_SECRET, SecretField.REFRESH_TOKEN);
    }

    @Override
    public Map<SecretField, EncryptedSecret> secrets() {
        Map<SecretField, EncryptedSecret> secrets = new EnumMap<>(SecretField.class);
        if (client.clientSecret() != null) {
            secrets.put(SecretField.CLIENT_SECRET, client.clientSecret());
        }
        if (refreshToken != null) {
            secrets.put(SecretField.REFRESH_TOKEN, refreshToken);
        }
        return secrets;
    }

    @Override
    public RefreshTokenLogin withSecret(SecretField field, EncryptedSecret value) {
        return switch (field) {
            case CLIENT_SECRET -> new RefreshTokenLogin(client.withClientSecret(value), refreshToken, account,
                    connectedAt);
            case REFRESH_TOKEN -> new RefreshTokenLogin(client, value, account, connectedAt);
            default -> throw new IllegalArgumentException("a refresh token login has no " + field.jsonName());
        };
    }

    /** The same login connected to {@code newAccount} at {@code at} with a new refresh token. */
    public RefreshTokenLogin connected(EncryptedSecret newRefreshToken, String newAccount, Instant at) {
        return new RefreshTokenLogin(client, newRefreshToken, newAccount, at);
    }
}
