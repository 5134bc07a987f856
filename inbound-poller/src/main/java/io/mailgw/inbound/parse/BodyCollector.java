package io.mailgw.inbound.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.mailgw.events.MailReceived.Attachment;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

/**
 * Walks the MIME tree of one message: the first {@code text/plain} and {@code text/html} parts that
 * are not attachments become the bodies (later ones are appended), every other leaf is an
 * attachment. Attachments up to the inline cap travel in base64, bigger ones go to the blob store;
 * size and SHA-256 are always given. A part that cannot be read is named in the problems and skipped.
 */
final class BodyCollector {

    private final String eventId;
    private final BlobStore blobs;
    private final long inlineMax;
    private final int bodyMax;
    private final ParseProblems problems;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private final List<Attachment> attachments = new ArrayList<>();
    private boolean hasText;
    private boolean hasHtml;

    BodyCollector(String eventId, BlobStore blobs, long inlineMax, int bodyMax, ParseProblems problems) {
        this.eventId = eventId;
        this.blobs = blobs;
        this.inlineMax = inlineMax;
        this.bodyMax = bodyMax;
        this.problems = problems;
    }

    void collect(Part part, String where) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectPart(multipart, i, where + "/" + (i + 1));
            }
        }
        else if (isAttachment(part)) {
            attach(part);
        }
        else if (part.isMimeType("text/plain")) {
            append(text, readText(part, where), "text");
            hasText = true;
        }
        else if (part.isMimeType("text/html")) {
            append(html, readText(part, where), "html");
            hasHtml = true;
        }
        else {
            attach(part);
        }
    }

    /** Falls back to the undecoded body as text when the MIME structure itself cannot be read. */
    void collectUnstructured(InputStream body) throws IOException {
        append(text, new String(body.readAllBytes(), StandardCharsets.UTF_8), "text");
        hasText = true;
    }

    String text() {
        return hasText ? text.toString() : null;
    }

    String html() {
        return hasHtml ? html.toString() : null;
    }

    List<Attachment> attachments() {
        return attachments;
    }

    private void collectPart(Multipart multipart, int index, String where) {
        try {
            collect(multipart.getBodyPart(index), where);
        }
        catch (MessagingException | IOException | RuntimeException ex) {
            problems.add("part " + where, ex);
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    }

    private String readText(Part part, String where) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String value) {
                return value;
            }
        }
        catch (UnsupportedEncodingException ex) {
            problems.add("part " + where + ": unknown charset, read as UTF-8");
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void append(StringBuilder body, String content, String name) {
        if (!body.isEmpty()) {
            body.append('\n');
        }
        body.append(content);
        if (body.length() > bodyMax) {
            body.setLength(bodyMax);
            problems.add(name + " cut at " + bodyMax + " characters; the whole message is in rawBlobId");
        }
    }

    private void attach(Part part) throws MessagingException, IOException {
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        String fileName = fileName(part);
        String contentType = baseType(part);
        String sha256 = sha256(content);
        if (content.length <= inlineMax) {
            attachments.add(new Attachment(fileName, contentType, content.length, sha256,
                    Base64.getEncoder().encodeToString(content), null));
        }
        else {
            String key = eventId + "/attachment-" + (attachments.size() + 1);
            String blobId = blobs.store(key, fileName, contentType, content);
            attachments.add(new Attachment(fileName, contentType, content.length, sha256, null, blobId));
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

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
        }
    }
}
