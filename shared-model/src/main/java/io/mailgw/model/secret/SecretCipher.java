package io.mailgw.model.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts mailbox secrets with AES-256-GCM under {@code MAILGW_SECRET_KEY} (base64 of 32 random
 * bytes), a fresh 96-bit nonce every time, and the mailbox's id as associated data: a ciphertext
 * copied into another mailbox does not decrypt there. Every value names the key it was sealed
 * under, so that after a rotation the previous key ({@code MAILGW_PREVIOUS_SECRET_KEY}) still
 * reads what it sealed until {@link SecretReEncryption} has moved everything to the new one.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CURRENT = "MAILGW_SECRET_KEY";
    private static final String PREVIOUS = "MAILGW_PREVIOUS_SECRET_KEY";

    private final Key current;
    private final Key previous;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(Key current, Key previous) {
        this.current = current;
        this.previous = previous;
    }

    /**
     * @param base64Key base64 of exactly 32 bytes ({@code MAILGW_SECRET_KEY})
     * @throws IllegalArgumentException saying what is wrong with the key, never showing it
     */
    public static SecretCipher fromBase64Key(String base64Key) {
        return fromBase64Keys(base64Key, null);
    }

    /**
     * @param base64Key         the key new values are sealed under ({@code MAILGW_SECRET_KEY})
     * @param previousBase64Key the key before the last rotation, read only
     *                          ({@code MAILGW_PREVIOUS_SECRET_KEY}); {@code null} or blank for none
     * @throws IllegalArgumentException saying what is wrong with a key, never showing it
     */
    public static SecretCipher fromBase64Keys(String base64Key, String previousBase64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(CURRENT + " is not set: give base64 of 32 random bytes "
                    + "(for example: openssl rand -base64 32)");
        }
        Key current = Key.of(CURRENT, base64Key);
        Key previous = previousBase64Key == null || previousBase64Key.isBlank() ? null
                : Key.of(PREVIOUS, previousBase64Key);
        if (previous != null && previous.id().equals(current.id())) {
            previous = null;
        }
        return new SecretCipher(current, previous);
    }

    /** A new random key, base64-encoded, as the local stack keeps in its key file. */
    public static String newBase64Key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The id of the key new values are sealed under, as it appears in them. */
    public String currentKeyId() {
        return current.id();
    }

    /** Whether {@code secret} is sealed in today's form under the current key. */
    public boolean isCurrent(EncryptedSecret secret) {
        return current.id().equals(secret.keyId());
    }

    /**
     * @param mailboxId the mailbox the secret belongs to, bound to it as associated data
     */
    public EncryptedSecret encrypt(String plaintext, String mailboxId) {
        Objects.requireNonNull(mailboxId, "a secret is always sealed for a mailbox id");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(mailboxId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new EncryptedSecret(EncryptedSecret.PREFIX + current.id() + ":"
                    + Base64.getEncoder().encodeToString(out));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
        }
    }

    /**
     * @param mailboxId the mailbox the secret is read for; it decrypts only for the mailbox it was sealed for
     * @throws IllegalStateException in plain words when the value was sealed for another mailbox or
     *                               under another key, was altered, or is still in the first form
     */
    public String decrypt(EncryptedSecret secret, String mailboxId) {
        String text = secret.ciphertext();
        if (secret.isLegacy()) {
            throw new IllegalStateException("Stored secret predates binding secrets to their mailbox and was not "
                    + "re-encrypted yet (every service does that at start); restart a service or set it again");
        }
        String keyId = secret.keyId();
        Key key = keyId == null ? null : keyId.equals(current.id()) ? current
                : previous != null && keyId.equals(previous.id()) ? previous : null;
        if (key == null) {
            throw new IllegalStateException("Stored secret was encrypted under a key that is neither " + CURRENT
                    + " nor " + PREVIOUS + "; set it again");
        }
        byte[] in = decode(text.substring(EncryptedSecret.PREFIX.length() + keyId.length() + 1));
        return open(key.key(), in, associatedData(mailboxId), "Stored secret cannot be decrypted: it was altered, "
                + "or copied from another mailbox; set it again");
    }

    /**
     * Reads a value of the first form ({@code v1:}, no associated data), for the migration that
     * re-encrypts it; tries the current key, then the previous one.
     *
     * @throws IllegalStateException when neither key opens it
     */
    public String decryptLegacy(EncryptedSecret secret) {
        if (!secret.isLegacy()) {
            throw new IllegalArgumentException("not a value of the first form");
        }
        byte[] in = decode(secret.ciphertext().substring(EncryptedSecret.LEGACY_PREFIX.length()));
        String failure = "Stored secret cannot be decrypted: " + CURRENT + " differs from the key it was saved "
                + "under, or the value was altered; set it again";
        try {
            return open(current.key(), in, null, failure);
        }
        catch (IllegalStateException ex) {
            if (previous == null) {
                throw ex;
            }
            return open(previous.key(), in, null, failure);
        }
    }

    private static String open(SecretKey key, byte[] in, byte[] associatedData, String failure) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException(failure);
        }
    }

    private static byte[] decode(String base64) {
        try {
            byte[] in = Base64.getDecoder().decode(base64);
            if (in.length <= NONCE_BYTES) {
                throw new IllegalStateException("Stored secret has an unknown format; set it again");
            }
            return in;
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Stored secret has an unknown format; set it again");
        }
    }

    private static byte[] associatedData(String mailboxId) {
        return ("mailgw mailbox " + mailboxId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretCipher[key " + current.id() + (previous == null ? "" : ", previous " + previous.id()) + "]";
    }

    /** A key and its id: 8 hex digits of a SHA-256 over it, which names the key without giving it away. */
    private record Key(SecretKey key, String id) {

        static Key of(String variable, String base64Key) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64Key.trim());
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(variable + " is not valid base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException(variable + " must decode to 32 bytes, it decodes to " + raw.length);
            }
            return new Key(new SecretKeySpec(raw, "AES"), id(raw));
        }

        private static String id(byte[] raw) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update("mailgw secret key id ".getBytes(StandardCharsets.US_ASCII));
                return HexFormat.of().formatHex(sha.digest(raw), 0, 4);
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
            }
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }
}
