package io.mailgw.outbound;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** What GreenMail received, found by subject (one copy per recipient). */
public final class ReceivedMail {

    private ReceivedMail() {
    }

    public static List<MimeMessage> withSubject(GreenMailExtension greenMail, String subject) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> subject.equals(subjectOf(message)))
                .toList();
    }

    public static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException("GreenMail holds a message without a readable subject", ex);
        }
    }
}
