package io.mailgw.model.secret;

import java.util.Objects;

/**
 * A secret as stored (a password, an OAuth2 client secret, a refresh token or a service-account
 * key). Today's form is {@code v2:<key id>:} + base64 of the 12-byte GCM nonce and the ciphertext
 * with its tag, sealed with the mailbox's id as associated data; the first form, {@code v1:}
 * without key id nor associated data, is only read by the migration that re-encrypts it. Only
 * {@link SecretCipher} can read either back.
 */
public record EncryptedSecret(String ciphertext) {

    static final String LEGACY_PREFIX = "v1:";
    static final String PREFIX = "v2:";

    public EncryptedSecret {
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Sealed in the first form, before secrets were bound to their mailbox. */
    public boolean isLegacy() {
        return ciphertext.startsWith(LEGACY_PREFIX);
    }

    /** The id of the key it was sealed under, or {@code null} for the first form or an unknown one. */
    public String keyId() {
        if (!ciphertext.startsWith(PREFIX)) {
            return null;
        }
        int end = ciphertext.indexOf(':', PREFIX.length());
        return end < 0 ? null : ciphertext.substring(PREFIX.length(), end);
    }

    @Override
    public String toString() {
        return "EncryptedSecret[***]";
    }
}
