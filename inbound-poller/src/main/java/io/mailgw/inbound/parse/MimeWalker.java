package io.mailgw.inbound.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.mailgw.events.MailReceived.Attachment;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * Walks the MIME tree of one message without recursion, so that nesting of any depth costs no
 * stack: parts deeper than the depth limit and parts beyond the count limit are not read, and the
 * problems say so. The first {@code text/plain} and {@code text/html} parts that are not
 * attachments become the bodies (later ones are appended), every other leaf is an attachment
 * ({@link AttachmentReader}). A part that cannot be read is named in the problems and skipped.
 */
final class MimeWalker {

    private final String eventId;
    private final BlobStore blobs;
    private final ParseLimits limits;
    private final ParseProblems problems;
    private final BodyText text;
    private final BodyText html;
    private final List<Attachment> attachments = new ArrayList<>();

    MimeWalker(String eventId, BlobStore blobs, ParseLimits limits, ParseProblems problems) {
        this.eventId = eventId;
        this.blobs = blobs;
        this.limits = limits;
        this.problems = problems;
        this.text = new BodyText("text", limits.bodyMax(), problems);
        this.html = new BodyText("html", limits.bodyMax(), problems);
    }

    /** Reads every part under {@code root}, depth first in document order. */
    void walk(Part root) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(new Node(root, "body", 0));
        int parts = 0;
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (++parts > limits.partsMax()) {
                problems.add("more than " + limits.partsMax() + " MIME parts: the rest were not read");
                return;
            }
            try {
                visit(node, pending);
            }
            catch (MessagingException | IOException | RuntimeException ex) {
                problems.add("part " + node.where(), ex);
            }
        }
    }

    /** Falls back to the undecoded body as text when the MIME structure itself cannot be read. */
    void walkUnstructured(InputStream body) throws IOException {
        text.appendUndecoded(body);
    }

    boolean foundNothing() {
        return text.value() == null && html.value() == null && attachments.isEmpty();
    }

    String text() {
        return text.value();
    }

    String html() {
        return html.value();
    }

    List<Attachment> attachments() {
        return attachments;
    }

    private void visit(Node node, Deque<Node> pending) throws MessagingException, IOException {
        Part part = node.part();
        if (part.isMimeType("multipart/*")) {
            if (node.depth() >= limits.depthMax()) {
                problems.add("MIME parts nested deeper than " + limits.depthMax() + " levels (below "
                        + node.where() + ") were not read");
                return;
            }
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("multipart without readable parts");
            }
            for (int i = multipart.getCount() - 1; i >= 0; i--) {
                pending.push(new Node(multipart.getBodyPart(i), node.where() + "/" + (i + 1), node.depth() + 1));
            }
        }
        else if (isAttachment(part) || !(part.isMimeType("text/plain") || part.isMimeType("text/html"))) {
            attachments.add(new AttachmentReader(blobs, limits.attachmentInlineMax())
                    .read(part, eventId + "/attachment-" + (attachments.size() + 1), node.where(), problems));
        }
        else {
            (part.isMimeType("text/plain") ? text : html).append(part, node.where());
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    }

    private record Node(Part part, String where, int depth) {
    }
}
