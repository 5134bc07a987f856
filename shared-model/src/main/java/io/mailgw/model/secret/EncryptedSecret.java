package io.mailgw.model.secret;

import java.util.Objects;

/**
 * A password as stored: {@code v1:} + base64 of the 12-byte GCM nonce and the ciphertext with
 * its tag. Only {@link PasswordCipher} can read it back.
 */
public record EncryptedPassword(String ciphertext) {

    public EncryptedPassword {
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "EncryptedPassword[***]";
    }
}
