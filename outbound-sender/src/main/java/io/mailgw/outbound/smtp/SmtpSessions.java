package io.mailgw.outbound.smtp;

import java.io.IOException;
import java.util.Properties;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.outbound.OutboundProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import org.springframework.stereotype.Component;

/**
 * Jakarta Mail sessions shaped by the outbox: {@code NONE} speaks plain SMTP, {@code STARTTLS}
 * requires the upgrade (never falls back to plain text), {@code SSL} speaks TLS from the first
 * byte. Every connection goes through the {@link ConnectGuard}: the server's name is resolved
 * once per attempt, its address checked, and the transport connects to that address. Certificates
 * are checked against the JVM's authorities plus the outbox's own {@code trustedCertificatePem},
 * and against the configured host name; there is no trust-all switch.
 */
@Component
class SmtpSessions {

    private final OutboundProperties.Smtp timeouts;
    private final ConnectGuard guard;

    SmtpSessions(OutboundProperties properties, ConnectGuard guard) {
        this.timeouts = properties.smtp();
        this.guard = guard;
    }

    /** {@code smtps} for SSL outboxes, {@code smtp} otherwise. */
    static String protocolOf(Mailbox outbox) {
        return outbox.security() == SmtpSecurity.SSL ? "smtps" : "smtp";
    }

    /** A session to build the outbox's messages in; it opens no connection. */
    Session sessionFor(Mailbox outbox) {
        return Session.getInstance(properties(outbox));
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
            endpoint = guard.endpointFor(outbox);
        }
        catch (IOException ex) {
            throw new MessagingException("Connecting to " + outbox.describe() + " is not possible: " + ex.getMessage(),
                    ex);
        }
        Properties props = properties(outbox);
        props.putAll(endpoint.sessionProperties(protocolOf(outbox)));
        try {
            SMTPTransport transport = (SMTPTransport) Session.getInstance(props).getTransport(protocolOf(outbox));
            return new SmtpTarget(transport, endpoint.connectHost(), endpoint.port());
        }
        catch (NoSuchProviderException ex) {
            throw new IllegalStateException("Jakarta Mail has no " + protocolOf(outbox) + " provider", ex);
        }
    }

    private Properties properties(Mailbox outbox) {
        String prefix = "mail." + protocolOf(outbox) + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocolOf(outbox));
        props.put(prefix + "connectiontimeout", millis(timeouts.connectTimeout().toMillis()));
        props.put(prefix + "timeout", millis(timeouts.readTimeout().toMillis()));
        props.put(prefix + "writetimeout", millis(timeouts.writeTimeout().toMillis()));
        props.put(prefix + "auth", String.valueOf(outbox.needsCredentials()));
        props.put(prefix + "ssl.checkserveridentity", "true");
        boolean startTls = outbox.security() == SmtpSecurity.STARTTLS;
        props.put(prefix + "starttls.enable", String.valueOf(startTls));
        props.put(prefix + "starttls.required", String.valueOf(startTls));
        return props;
    }

    private static String millis(long value) {
        return String.valueOf(Math.min(value, Integer.MAX_VALUE));
    }

    /**
     * @param transport not yet connected
     * @param address   the checked address to connect to, as an IP literal
     */
    record SmtpTarget(SMTPTransport transport, String address, int port) {
    }
}
