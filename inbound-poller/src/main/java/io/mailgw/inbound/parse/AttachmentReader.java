package io.mailgw.inbound.parse;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import io.mailgw.events.MailReceived.Attachment;
import io.mailgw.inbound.raw.Sha256;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads one attachment as a stream: up to the inline cap it travels in base64, above it the rest
 * streams into the blob store and the event carries its {@code blobId}. Size and SHA-256 of the
 * decoded content are given either way; no more than the inline cap is ever held in memory.
 */
final class AttachmentReader {

    private final BlobStore blobs;
    private final long inlineMax;

    AttachmentReader(BlobStore blobs, long inlineMax) {
        this.blobs = blobs;
        this.inlineMax = inlineMax;
    }

    Attachment read(Part part, String key, String where, ParseProblems problems) throws MessagingException, IOException {
        String fileName = fileName(part);
        String contentType = baseType(part);
        MessageDigest digest = Sha256.digest();
        try (Counting in = new Counting(new DigestInputStream(decoded(part, where, problems), digest))) {
            byte[] head = in.readNBytes((int) Math.min(inlineMax + 1, Integer.MAX_VALUE - 8));
            if (head.length <= inlineMax) {
                return new Attachment(fileName, contentType, head.length, HexFormat.of().formatHex(digest.digest()),
                        Base64.getEncoder().encodeToString(head), null);
            }
            // a sequence closes each stream it used up: the rest is drained here, its close is the try's
            String blobId = blobs.store(key, fileName, contentType,
                    new SequenceInputStream(new ByteArrayInputStream(head), new FilterInputStream(in) {
                        @Override
                        public void close() {
                        }
                    }));
            in.transferTo(OutputStream.nullOutputStream());
            return new Attachment(fileName, contentType, in.count(), HexFormat.of().formatHex(digest.digest()), null,
                    blobId);
        }
    }

    private static InputStream decoded(Part part, String where, ParseProblems problems) throws MessagingException,
            IOException {
        try {
            return part.getInputStream();
        }
        catch (MessagingException ex) {
            problems.add("part " + where, ex);
            return RawContent.of(part);
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name);
        }
        catch (UnsupportedEncodingException ex) {
            return name;
        }
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        }
        catch (MessagingException | RuntimeException ex) {
            return "application/octet-stream";
        }
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {

        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
