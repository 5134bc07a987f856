package io.mailgw.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mailgw.model.secret.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that encrypts mailbox passwords in the local run: {@code MAILGW_SECRET_KEY} when set,
 * else the key file in the data directory, created once with a new random key and readable by
 * its owner only. Keeping the file keeps stored passwords readable across restarts.
 */
final class SecretKeySource {

    static final String FILE_NAME = "secret.key";
    private static final Logger log = LoggerFactory.getLogger(SecretKeySource.class);

    private SecretKeySource() {
    }

    /**
     * @param configured the value of {@code MAILGW_SECRET_KEY}, or null
     * @return a valid key (base64 of 32 bytes); the key itself is never logged
     */
    static String resolve(String configured, Path dataDir) throws IOException {
        String key = configured != null && !configured.isBlank() ? configured.trim() : fromFile(dataDir);
        SecretCipher.fromBase64Key(key);
        return key;
    }

    private static String fromFile(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        Files.createDirectories(dataDir);
        String key = SecretCipher.newBase64Key();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
        log.info("Created a new key for mailbox passwords in {}; keep it, or set MAILGW_SECRET_KEY", file);
        return key;
    }
}
