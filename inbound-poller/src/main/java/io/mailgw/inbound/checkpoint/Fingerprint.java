package io.mailgw.inbound.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

import io.mailgw.inbound.raw.Sha256;

/**
 * What makes a published message recognisable after its server renumbered it (a changed IMAP
 * UIDVALIDITY): its {@code Message-ID} and the SHA-256 of its raw bytes, as one hash.
 *
 * @param key SHA-256 of the Message-ID (empty when absent) and the content hash
 */
public record Fingerprint(String key) {

    public Fingerprint {
        Objects.requireNonNull(key, "key");
    }

    public static Fingerprint of(String messageId, String contentSha256) {
        String both = (messageId == null ? "" : messageId.trim()) + "\n" + contentSha256;
        return new Fingerprint(HexFormat.of().formatHex(Sha256.digest().digest(both.getBytes(StandardCharsets.UTF_8))));
    }
}
