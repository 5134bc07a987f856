package io.mailgw.inbound;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Delivers mail to the local GreenMail server over SMTP, as a customer's server would. */
final class TestMail {

    static final String SENDER = "ana@cliente.example";
    static final String SENDER_NAME = "Ana";

    private TestMail() {
    }

    static void send(int smtpPort, String to, String subject, String text) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", TestMailboxes.HOST);
        properties.setProperty("mail.smtp.port", Integer.toString(smtpPort));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress(SENDER, SENDER_NAME));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
        }
        catch (MessagingException | java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException("Sending test mail to " + to + " failed", ex);
        }
    }
}
