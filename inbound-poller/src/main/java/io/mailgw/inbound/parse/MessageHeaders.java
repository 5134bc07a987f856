package io.mailgw.inbound.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mailgw.events.MailReceived.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * The headers an event carries, each read on its own so that one broken header costs only itself.
 * An address header that breaks RFC 5322 is named in the problems and still read leniently.
 * {@code replyTo} is the {@code Reply-To} header alone (empty when absent), not the From fallback.
 */
record MessageHeaders(Address from, List<Address> to, List<Address> cc, List<Address> replyTo, String subject,
                      Instant sentAt, String messageId, String inReplyTo, List<String> references) {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    static MessageHeaders read(MimeMessage message, ParseProblems problems) {
        List<Address> from = addresses(message, "From", problems);
        return new MessageHeaders(
                from.isEmpty() ? null : from.get(0),
                addresses(message, "To", problems),
                addresses(message, "Cc", problems),
                addresses(message, "Reply-To", problems),
                subject(message, problems),
                sentAt(message, problems),
                trimmed(header(message, "Message-ID", problems)),
                firstMessageId(header(message, "In-Reply-To", problems)),
                messageIds(header(message, "References", problems)));
    }

    /** The header's values joined by commas and unfolded, or {@code null} when absent. */
    static String header(MimeMessage message, String name, ParseProblems problems) {
        try {
            String value = message.getHeader(name, ",");
            return value == null ? null : MimeUtility.unfold(value);
        }
        catch (MessagingException ex) {
            problems.add(name, ex);
            return null;
        }
    }

    private static List<Address> addresses(MimeMessage message, String name, ParseProblems problems) {
        String value = header(message, name, problems);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            return toAddresses(InternetAddress.parseHeader(value, true));
        }
        catch (AddressException strict) {
            problems.add(name, strict);
        }
        try {
            return toAddresses(InternetAddress.parseHeader(value, false));
        }
        catch (AddressException lenient) {
            return List.of();
        }
    }

    private static List<Address> toAddresses(InternetAddress[] addresses) {
        return Arrays.stream(addresses)
                .map(address -> new Address(address.getAddress(), blankToNull(address.getPersonal())))
                .toList();
    }

    private static String subject(MimeMessage message, ParseProblems problems) {
        try {
            return message.getSubject();
        }
        catch (MessagingException ex) {
            problems.add("Subject", ex);
            return null;
        }
    }

    private static Instant sentAt(MimeMessage message, ParseProblems problems) {
        try {
            Date sent = message.getSentDate();
            return sent == null ? null : sent.toInstant();
        }
        catch (MessagingException ex) {
            problems.add("Date", ex);
            return null;
        }
    }

    private static String firstMessageId(String value) {
        List<String> ids = messageIds(value);
        return ids.isEmpty() ? trimmed(value) : ids.get(0);
    }

    private static List<String> messageIds(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(value);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
