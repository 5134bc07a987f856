package io.mailgw.model.secret;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts mailbox passwords with AES-256-GCM. The key is base64 of 32 random bytes
 * ({@code MAILGW_SECRET_KEY}); a fresh 96-bit nonce is drawn for every encryption.
 */
public final class PasswordCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private PasswordCipher(SecretKey key) {
        this.key = key;
    }

    /**
     * @param base64Key base64 of exactly 32 bytes
     * @throws IllegalArgumentException saying what is wrong with the key, never showing it
     */
    public static PasswordCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("MAILGW_SECRET_KEY is not set: give base64 of 32 random bytes "
                    + "(for example: openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("MAILGW_SECRET_KEY is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("MAILGW_SECRET_KEY must decode to 32 bytes, it decodes to " + raw.length);
        }
        return new PasswordCipher(new SecretKeySpec(raw, "AES"));
    }

    /** A new random key, base64-encoded, as the local stack keeps in its key file. */
    public static String newBase64Key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    public EncryptedPassword encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new EncryptedPassword(PREFIX + Base64.getEncoder().encodeToString(out));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
        }
    }

    /**
     * @throws IllegalStateException when the value was sealed under another key or altered
     */
    public String decrypt(EncryptedPassword encrypted) {
        String text = encrypted.ciphertext();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalStateException("Stored password has an unknown format");
        }
        byte[] in = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Stored password cannot be decrypted: MAILGW_SECRET_KEY differs from "
                    + "the key it was saved under, or the value was altered; set the password again");
        }
    }
}
