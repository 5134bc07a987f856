package io.mailgw.inbound.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import io.mailgw.events.MailReceived;
import io.mailgw.events.MailReceived.Attachment;
import io.mailgw.inbound.raw.RawMessage;
import io.mailgw.inbound.raw.RawSpool;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each limit of {@link ParseLimits}: over it the message is still published, with {@code parseError} naming it. */
class ParseLimitsTests {

    private static final MessageOrigin ORIGIN = new MessageOrigin("mbx-in:1:9", "mbx-in", "xpto", "IMAP", "INBOX", 1L,
            9L, null, Instant.parse("2026-11-28T12:00:00Z"), "raw-9");

    private final Map<String, byte[]> blobs = new HashMap<>();
    private final BlobStore blobStore = (key, fileName, contentType, content) -> {
        blobs.put(key, content.readAllBytes());
        return "blob-" + key;
    };

    @Test
    void nestingDeeperThanTheLimitIsNotReadAndSaidSo() throws Exception {
        MailReceived event = parse(limits(3, 1000, 1 << 20, 1 << 30), nested(5));

        assertThat(event.text()).isEqualTo("arriba");
        assertThat(event.parseError()).contains("MIME parts nested deeper than 3 levels");
    }

    @Test
    void nestingWithinTheLimitIsReadWhole() throws Exception {
        MailReceived event = parse(limits(50, 1000, 1 << 20, 1 << 30), nested(5));

        assertThat(event.text()).isEqualTo("arriba\nabajo");
        assertThat(event.parseError()).isNull();
    }

    @Test
    void partsBeyondTheLimitAreNotReadAndSaidSo() throws Exception {
        MimeMultipart mixed = new MimeMultipart();
        for (int i = 1; i <= 10; i++) {
            MimeBodyPart part = new MimeBodyPart();
            part.setText("parte " + i, "UTF-8");
            mixed.addBodyPart(part);
        }

        MailReceived event = parse(limits(50, 5, 1 << 20, 1 << 30), message(mixed));

        assertThat(event.text()).isEqualTo("parte 1\nparte 2\nparte 3\nparte 4");
        assertThat(event.parseError()).isEqualTo("more than 5 MIME parts: the rest were not read");
    }

    @Test
    void aHeaderSectionOverTheLimitIsNotParsedButTheMessageIsPublished() throws Exception {
        String raw = "Subject: enorme\r\nX-Padding: " + "x".repeat(5000) + "\r\n\r\ncuerpo\r\n";

        MailReceived event = parse(limits(50, 1000, 1024, 1 << 30), raw.getBytes(StandardCharsets.US_ASCII));

        assertThat(event.parseError()).isEqualTo("header section larger than 1024 bytes: not parsed");
        assertThat(event.subject()).isNull();
        assertThat(event.rawBlobId()).isEqualTo("raw-9");
        assertThat(event.sizeBytes()).isEqualTo(raw.length());
    }

    @Test
    void aMessageOverTheSizeLimitGivesItsHeadersOnly() throws Exception {
        byte[] raw = ("From: ana@cliente.example\r\nSubject: grande\r\n\r\n" + "y".repeat(4000) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        MailReceived event = parse(limits(50, 1000, 1024, 2048), raw);

        assertThat(event.subject()).isEqualTo("grande");
        assertThat(event.text()).isNull();
        assertThat(event.parseError()).contains("over the limit of 2048: headers only");
    }

    @Test
    void anAttachmentOverTheInlineCapStreamsToTheBlobStoreWithItsSizeAndHash() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("ver adjunto", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(content, "application/octet-stream");
        attachment.setFileName("datos.bin");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attachment);

        MailReceived event = parse(limits(50, 1000, 1 << 20, 1 << 30), message(mixed));

        Attachment stored = event.attachments().get(0);
        assertThat(stored.contentBase64()).isNull();
        assertThat(stored.blobId()).isEqualTo("blob-mbx-in:1:9/attachment-1");
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(blobs.get("mbx-in:1:9/attachment-1")).isEqualTo(content);
    }

    @Test
    void aSpooledMessageIsParsedFromItsFileWithItsAttachmentStreamed(@TempDir Path spoolDir) throws Exception {
        byte[] content = new byte[700 * 1024];
        new Random(11).nextBytes(content);
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(content, "application/octet-stream");
        attachment.setFileName("grande.bin");
        mixed.addBodyPart(attachment);
        byte[] raw = message(mixed);
        RawSpool.Writer writer = new RawSpool(spoolDir, 1024).writer(raw.length);
        writer.write(raw, 0, raw.length);

        try (RawMessage spooled = writer.finish()) {
            MailReceived event = new MailParser(limits(50, 1000, 1 << 20, 1 << 30)).parse(spooled, ORIGIN, blobStore);

            assertThat(spooled.inMemory()).isFalse();
            assertThat(event.parseError()).isNull();
            assertThat(event.attachments().get(0).size()).isEqualTo(content.length);
            assertThat(blobs.get("mbx-in:1:9/attachment-1")).isEqualTo(content);
        }
    }

    private MailReceived parse(ParseLimits limits, byte[] raw) {
        return new MailParser(limits).parse(RawMessage.of(raw), ORIGIN, blobStore);
    }

    private static ParseLimits limits(int depth, int parts, long headerMax, long messageMax) {
        return new ParseLimits(256 * 1024, 256 * 1024, depth, parts, headerMax, messageMax);
    }

    /** A first text part, then multiparts nested {@code levels} deep around a last text part. */
    private static byte[] nested(int levels) throws Exception {
        MimeBodyPart bottom = new MimeBodyPart();
        bottom.setText("abajo", "UTF-8");
        MimeBodyPart inner = bottom;
        for (int i = 0; i < levels; i++) {
            MimeMultipart wrapper = new MimeMultipart();
            wrapper.addBodyPart(inner);
            inner = new MimeBodyPart();
            inner.setContent(wrapper);
        }
        MimeMultipart top = new MimeMultipart();
        MimeBodyPart first = new MimeBodyPart();
        first.setText("arriba", "UTF-8");
        top.addBodyPart(first);
        top.addBodyPart(inner);
        return message(top);
    }

    private static byte[] message(MimeMultipart content) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
        message.setFrom("ana@cliente.example");
        message.setSubject("limites");
        message.setContent(content);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
