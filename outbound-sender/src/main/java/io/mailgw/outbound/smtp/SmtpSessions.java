package io.mailgw.outbound.smtp;

import java.io.IOException;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.OutboundProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import org.springframework.stereotype.Component;

/**
 * Jakarta Mail sessions shaped by the outbox, built by shared-model's {@link MailSessionBuilder}:
 * {@code NONE} speaks plain SMTP, {@code STARTTLS} requires the upgrade (never falls back to plain
 * text), {@code SSL} speaks TLS from the first byte. Every connection goes through the
 * {@link ConnectGuard}: the server's name is resolved once per attempt, its address checked, and
 * the transport connects to that address.
 */
@Component
class SmtpSessions {

    private final OutboundProperties.Smtp timeouts;
    private final ConnectGuard guard;

    SmtpSessions(OutboundProperties properties, ConnectGuard guard) {
        this.timeouts = properties.smtp();
        this.guard = guard;
    }

    /**
     * A transport to the outbox's server, not yet connected, and where to connect it: the address
     * the guard checked.
     *
     * @throws MessagingException when the guard refuses the server (with its
     *                            {@link io.mailgw.model.connect.ConnectionNotAllowedException} as cause),
     *                            the name does not resolve, or the trusted certificate is unusable
     */
    SmtpTarget targetFor(Mailbox outbox) throws MessagingException {
        MailEndpoint endpoint;
        try {
            endpoint = guard.endpointFor(outbox.server());
        }
        catch (IOException ex) {
            throw new MessagingException("Connecting to " + outbox.describe() + " is not possible: " + ex.getMessage(),
                    ex);
        }
        MailSessionBuilder builder = MailSessionBuilder.forMailbox(outbox, endpoint)
                .timeouts(timeouts.connectTimeout(), timeouts.readTimeout(), timeouts.writeTimeout());
        Session session = builder.build();
        try {
            SMTPTransport transport = (SMTPTransport) session.getTransport(builder.protocol());
            return new SmtpTarget(session, transport, endpoint.connectHost(), endpoint.port());
        }
        catch (NoSuchProviderException ex) {
            throw new IllegalStateException("Jakarta Mail has no " + builder.protocol() + " provider", ex);
        }
    }

    /**
     * @param session   the session the transport belongs to, to build the message in
     * @param transport not yet connected
     * @param address   the checked address to connect to, as an IP literal
     */
    record SmtpTarget(Session session, SMTPTransport transport, String address, int port) {
    }
}
