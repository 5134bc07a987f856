package io.mailgw.inbound.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

/**
 * One body of a message, {@code text} or {@code html}: the parts of its type appended in order,
 * decoded in their charset, cut at the body limit without ever reading more of a part than fits.
 * An unknown or broken charset is read as UTF-8, an unknown transfer encoding as the undecoded
 * bytes; the problems say so.
 */
final class BodyText {

    private final String name;
    private final int max;
    private final ParseProblems problems;
    private final StringBuilder value = new StringBuilder();
    private boolean present;
    private boolean cut;

    BodyText(String name, int max, ParseProblems problems) {
        this.name = name;
        this.max = max;
        this.problems = problems;
    }

    void append(Part part, String where) throws MessagingException, IOException {
        Charset charset = charset(part, where);
        try (InputStream in = decoded(part, where)) {
            append(new InputStreamReader(in, charset));
        }
    }

    /** The undecoded bytes as UTF-8, when the MIME structure cannot be read. */
    void appendUndecoded(InputStream body) throws IOException {
        append(new InputStreamReader(body, StandardCharsets.UTF_8));
        problems.add(name + " is the undecoded body");
    }

    /** The body, or {@code null} when the message has none of this type. */
    String value() {
        return present ? value.toString() : null;
    }

    private void append(Reader reader) throws IOException {
        if (present && !cut) {
            value.append('\n');
        }
        present = true;
        char[] buffer = new char[8192];
        for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
            int room = max - value.length();
            if (read > room) {
                value.append(buffer, 0, Math.max(room, 0));
                if (!cut) {
                    cut = true;
                    problems.add(name + " cut at " + max + " characters; the whole message is in rawBlobId");
                }
                return;
            }
            value.append(buffer, 0, read);
        }
    }

    private Charset charset(Part part, String where) {
        String declared = null;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
            return declared == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(declared));
        }
        catch (MessagingException | IllegalCharsetNameException | UnsupportedCharsetException ex) {
            problems.add("part " + where + ": unknown charset " + (declared == null ? "" : "'" + declared + "' ")
                    + "read as UTF-8");
            return StandardCharsets.UTF_8;
        }
    }

    /** The content without its transfer encoding; the undecoded bytes when the encoding is unknown. */
    private InputStream decoded(Part part, String where) throws MessagingException, IOException {
        try {
            return part.getInputStream();
        }
        catch (MessagingException ex) {
            problems.add("part " + where, ex);
            return RawContent.of(part);
        }
    }
}
