package io.mailgw.outbound.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** A message that keeps the gateway's Message-ID; Jakarta Mail would draw a random one on every save. */
final class GatewayMimeMessage extends MimeMessage {

    private final String messageId;

    GatewayMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
