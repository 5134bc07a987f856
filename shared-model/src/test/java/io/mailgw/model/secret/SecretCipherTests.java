package io.mailgw.model.secret;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTests {

    private final String key = SecretCipher.newBase64Key();
    private final SecretCipher cipher = SecretCipher.fromBase64Key(key);

    @Test
    void decryptsWhatItEncryptedForTheSameMailbox() {
        EncryptedSecret sealed = cipher.encrypt("s3cret-ñ", "mbx-1");

        assertThat(sealed.ciphertext()).startsWith("v2:" + cipher.currentKeyId() + ":").doesNotContain("s3cret");
        assertThat(sealed.keyId()).isEqualTo(cipher.currentKeyId()).hasSize(8);
        assertThat(cipher.decrypt(sealed, "mbx-1")).isEqualTo("s3cret-ñ");
    }

    @Test
    void aCiphertextCopiedToAnotherMailboxDoesNotDecrypt() {
        EncryptedSecret sealed = cipher.encrypt("s3cret", "mbx-1");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "mbx-2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copied from another mailbox").hasMessageNotContaining("s3cret");
    }

    @Test
    void drawsAFreshNonceEveryTime() {
        assertThat(cipher.encrypt("same", "m")).isNotEqualTo(cipher.encrypt("same", "m"));
    }

    @Test
    void refusesAValueSealedUnderAnUnknownKeyNamingBothVariables() {
        EncryptedSecret sealed = SecretCipher.fromBase64Key(SecretCipher.newBase64Key()).encrypt("x", "m");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "m")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAILGW_SECRET_KEY").hasMessageContaining("MAILGW_PREVIOUS_SECRET_KEY");
    }

    @Test
    void afterARotationReadsWhatThePreviousKeySealedAndSealsNewValuesUnderTheNewOne() {
        EncryptedSecret old = cipher.encrypt("old-secret", "m");
        SecretCipher rotated = SecretCipher.fromBase64Keys(SecretCipher.newBase64Key(), key);

        assertThat(rotated.decrypt(old, "m")).isEqualTo("old-secret");
        assertThat(rotated.isCurrent(old)).isFalse();
        assertThat(rotated.isCurrent(rotated.encrypt("new", "m"))).isTrue();
        assertThat(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
    }

    @Test
    void readsTheFirstFormOnlyForItsMigration() throws Exception {
        EncryptedSecret legacy = LegacySecrets.legacy("pa55", key);

        assertThat(legacy.isLegacy()).isTrue();
        assertThat(legacy.keyId()).isNull();
        assertThat(cipher.decryptLegacy(legacy)).isEqualTo("pa55");
        assertThatThrownBy(() -> cipher.decrypt(legacy, "m")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("re-encrypted");
        assertThat(SecretCipher.fromBase64Keys(SecretCipher.newBase64Key(), key).decryptLegacy(legacy)).isEqualTo("pa55");
    }

    @Test
    void refusesATamperedValue() {
        String text = cipher.encrypt("hello", "m").ciphertext();
        char last = text.charAt(text.length() - 3);
        String tampered = text.substring(0, text.length() - 3) + (last == 'A' ? 'B' : 'A') + text.substring(text.length() - 2);

        assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret(tampered), "m")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void explainsAMissingOrShortKeyWithoutShowingIt() {
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("")).hasMessageContaining("MAILGW_SECRET_KEY is not set");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("c2hvcnQ=")).hasMessageContaining("decodes to 5")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> SecretCipher.fromBase64Keys(key, "c2hvcnQ="))
                .hasMessageContaining("MAILGW_PREVIOUS_SECRET_KEY must decode to 32 bytes");
    }

    @Test
    void neverPrintsTheCiphertextNorTheKey() {
        EncryptedSecret sealed = cipher.encrypt("x", "m");

        assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
        assertThat(cipher.toString()).doesNotContain(key);
    }
}
