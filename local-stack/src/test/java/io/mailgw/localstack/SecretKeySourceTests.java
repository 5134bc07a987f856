package io.mailgw.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mailgw.model.secret.SecretCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretKeySourceTests {

    @TempDir
    Path dataDir;

    @Test
    void createsAKeyFileReadableByItsOwnerOnlyOnFirstStart() throws Exception {
        String key = SecretKeySource.resolve(null, dataDir);

        Path file = dataDir.resolve(SecretKeySource.FILE_NAME);
        assertThat(Files.readString(file).trim()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SecretCipher cipher = SecretCipher.fromBase64Key(key);
        assertThat(cipher.decrypt(cipher.encrypt("s3cret", "mbx-1"), "mbx-1")).isEqualTo("s3cret");
    }

    @Test
    void keepsTheSameKeyAcrossRestarts() throws Exception {
        String first = SecretKeySource.resolve(null, dataDir);

        assertThat(SecretKeySource.resolve("", dataDir)).isEqualTo(first);
    }

    @Test
    void prefersTheConfiguredKeyAndWritesNoFile() throws Exception {
        String configured = SecretCipher.newBase64Key();

        assertThat(SecretKeySource.resolve(configured, dataDir)).isEqualTo(configured);
        assertThat(dataDir.resolve(SecretKeySource.FILE_NAME)).doesNotExist();
    }

    @Test
    void rejectsAConfiguredKeyOfTheWrongLengthWithoutShowingIt() {
        assertThatThrownBy(() -> SecretKeySource.resolve("c2hvcnQ=", dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }
}
