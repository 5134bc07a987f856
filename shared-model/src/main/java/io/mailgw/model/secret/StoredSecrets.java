package io.mailgw.model.secret;

import java.util.Map;

import io.mailgw.model.auth.SecretField;

/** Where each secret of a mailbox lives in its stored document, for updates that touch one secret only. */
public final class StoredSecrets {

    private static final Map<SecretField, String> PATHS = Map.of(
            SecretField.PASSWORD, "auth.password",
            SecretField.CLIENT_SECRET, "auth.client.clientSecret",
            SecretField.REFRESH_TOKEN, "auth.refreshToken",
            SecretField.SERVICE_ACCOUNT_KEY, "auth.serviceAccountKey");

    private StoredSecrets() {
    }

    /** The path of the secret's ciphertext, such as {@code auth.refreshToken.ciphertext}. */
    public static String ciphertextPath(SecretField field) {
        return PATHS.get(field) + ".ciphertext";
    }
}
