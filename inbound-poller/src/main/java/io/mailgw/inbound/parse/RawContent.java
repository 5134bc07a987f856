package io.mailgw.inbound.parse;

import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

/** A part's content as it stands in the message, transfer encoding and all. */
final class RawContent {

    private RawContent() {
    }

    /** For a part whose transfer encoding cannot be undone. */
    static InputStream of(Part part) throws MessagingException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        throw new MessagingException("the part's content cannot be read");
    }
}
