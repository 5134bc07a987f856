package io.mailgw.inbound.poll;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.PasswordCipher;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Opens a Jakarta Mail store for a mailbox with explicit connect, read and write timeouts
 * (Jakarta's own defaults are infinite), through the {@link ConnectGuard}: the server's name is
 * resolved once, its address checked, and the store connects to that address. TLS (IMAPS, POP3S)
 * trusts the JVM's authorities plus the mailbox's own {@code trustedCertificatePem} and checks the
 * configured host name; nothing trusts all. The password is decrypted only here, just before the
 * login, and never kept.
 */
@Component
class MailStoreConnector {

    private final PasswordCipher cipher;
    private final InboundPollerProperties properties;
    private final ConnectGuard guard;

    MailStoreConnector(PasswordCipher cipher, InboundPollerProperties properties, ConnectGuard guard) {
        this.cipher = cipher;
        this.properties = properties;
        this.guard = guard;
    }

    /**
     * @throws MessagingException also when the guard refuses the server, with its
     *                            {@link io.mailgw.model.connect.ConnectionNotAllowedException} as cause
     */
    Store connect(Mailbox mailbox) throws MessagingException {
        if (mailbox.password() == null) {
            throw new AuthenticationFailedException("no password is stored for this mailbox");
        }
        MailEndpoint endpoint = endpointOf(mailbox);
        String protocol = mailbox.protocol().name().toLowerCase(Locale.ROOT);
        Store store = Session.getInstance(sessionProperties(protocol, endpoint)).getStore(protocol);
        store.connect(endpoint.connectHost(), endpoint.port(), mailbox.username(), cipher.decrypt(mailbox.password()));
        return store;
    }

    private MailEndpoint endpointOf(Mailbox mailbox) throws MessagingException {
        try {
            return guard.endpointFor(mailbox);
        }
        catch (IOException ex) {
            throw new MessagingException("Connecting to " + mailbox.describe() + " is not possible: " + ex.getMessage(),
                    ex);
        }
    }

    private Properties sessionProperties(String protocol, MailEndpoint endpoint) {
        String prefix = "mail." + protocol + ".";
        Properties session = endpoint.sessionProperties(protocol);
        session.setProperty(prefix + "connectiontimeout", millis(properties.connectTimeout().toMillis()));
        session.setProperty(prefix + "timeout", millis(properties.readTimeout().toMillis()));
        session.setProperty(prefix + "writetimeout", millis(properties.writeTimeout().toMillis()));
        // IMAP: reading a message must not set \Seen; afterRead decides that, after the checkpoint moved
        session.setProperty(prefix + "peek", "true");
        return session;
    }

    private static String millis(long value) {
        return Long.toString(value);
    }
}
