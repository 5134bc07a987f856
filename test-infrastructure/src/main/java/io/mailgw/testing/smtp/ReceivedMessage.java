package io.mailgw.testing.smtp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

/**
 * One message whose data a {@link ScriptedSmtpServer} received completely.
 *
 * @param connection the id of the connection it came on, from 1 in the order connections were accepted
 * @param sender the envelope sender from MAIL FROM, {@code ""} for the null sender {@code <>}
 * @param recipients the envelope recipients the server accepted, in order
 * @param raw the message as sent after DATA, dot-unstuffed, without the terminating dot
 * @param messageId its {@code Message-ID} header, e.g. {@code <id@host>}; null when it has none
 * @param accepted whether the server answered it with a 2xx reply; false when the script refused it or
 *        dropped the connection after the data
 */
public record ReceivedMessage(int connection, String sender, List<String> recipients, byte[] raw, String messageId,
        boolean accepted) {

    public ReceivedMessage {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        raw = raw.clone();
    }

    static ReceivedMessage of(int connection, String sender, List<String> recipients, byte[] raw, boolean accepted) {
        return new ReceivedMessage(connection, sender, recipients, raw, messageIdOf(raw), accepted);
    }

    /** A copy of the raw bytes. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw bytes as UTF-8 text, for assertions on headers and body. */
    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMessage that && connection == that.connection && accepted == that.accepted
                && sender.equals(that.sender) && recipients.equals(that.recipients)
                && Arrays.equals(raw, that.raw) && Objects.equals(messageId, that.messageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, sender, recipients, Arrays.hashCode(raw), messageId, accepted);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[connection=" + connection + ", sender=" + sender + ", recipients=" + recipients
                + ", " + raw.length + " bytes, messageId=" + messageId + ", accepted=" + accepted + "]";
    }

    private static String messageIdOf(byte[] raw) {
        try {
            String value = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Message-ID", null);
            return value == null ? null : MimeUtility.unfold(value).trim();
        }
        catch (MessagingException ex) {
            return null;
        }
    }
}
