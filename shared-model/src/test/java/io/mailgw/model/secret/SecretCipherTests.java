package io.mailgw.model.secret;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordCipherTests {

    private final PasswordCipher cipher = PasswordCipher.fromBase64Key(PasswordCipher.newBase64Key());

    @Test
    void decryptsWhatItEncrypted() {
        EncryptedPassword sealed = cipher.encrypt("s3cret-ñ");

        assertThat(sealed.ciphertext()).startsWith("v1:").doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed)).isEqualTo("s3cret-ñ");
    }

    @Test
    void drawsAFreshNonceEveryTime() {
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void refusesAValueSealedUnderAnotherKey() {
        EncryptedPassword sealed = PasswordCipher.fromBase64Key(PasswordCipher.newBase64Key()).encrypt("x");

        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAILGW_SECRET_KEY");
    }

    @Test
    void refusesATamperedValue() {
        String text = cipher.encrypt("hello").ciphertext();
        char last = text.charAt(text.length() - 3);
        String tampered = text.substring(0, text.length() - 3) + (last == 'A' ? 'B' : 'A') + text.substring(text.length() - 2);

        assertThatThrownBy(() -> cipher.decrypt(new EncryptedPassword(tampered))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void explainsAMissingOrShortKeyWithoutShowingIt() {
        assertThatThrownBy(() -> PasswordCipher.fromBase64Key("")).hasMessageContaining("MAILGW_SECRET_KEY is not set");
        assertThatThrownBy(() -> PasswordCipher.fromBase64Key("c2hvcnQ=")).hasMessageContaining("decodes to 5")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void neverPrintsTheCiphertext() {
        EncryptedPassword sealed = cipher.encrypt("x");

        assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
    }
}
