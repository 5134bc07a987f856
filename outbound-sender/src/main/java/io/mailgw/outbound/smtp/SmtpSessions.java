package io.mailgw.outbound.smtp;

import java.util.Properties;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.outbound.OutboundProperties;
import jakarta.mail.Session;

import org.springframework.stereotype.Component;

/**
 * One Jakarta Mail session per send, shaped by the outbox: {@code NONE} speaks plain SMTP,
 * {@code STARTTLS} requires the upgrade (never falls back to plain text), {@code SSL} speaks TLS
 * from the first byte. Certificates are checked against the JVM's trust store and the host name;
 * there is no trust-all switch.
 */
@Component
class SmtpSessions {

    private final OutboundProperties.Smtp timeouts;

    SmtpSessions(OutboundProperties properties) {
        this.timeouts = properties.smtp();
    }

    /** {@code smtps} for SSL outboxes, {@code smtp} otherwise. */
    static String protocolOf(Mailbox outbox) {
        return outbox.security() == SmtpSecurity.SSL ? "smtps" : "smtp";
    }

    Session sessionFor(Mailbox outbox) {
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
        return Session.getInstance(props);
    }

    private static String millis(long value) {
        return String.valueOf(Math.min(value, Integer.MAX_VALUE));
    }
}
