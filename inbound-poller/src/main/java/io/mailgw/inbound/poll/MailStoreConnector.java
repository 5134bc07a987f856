package io.mailgw.inbound.poll;

import java.util.Locale;
import java.util.Properties;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.PasswordCipher;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Opens a Jakarta Mail store for a mailbox with explicit connect, read and write timeouts
 * (Jakarta's own defaults are infinite). The implicit-TLS protocols verify the server with the
 * JVM's default trust and check its name; nothing trusts all. The password is decrypted only
 * here, just before the login, and never kept.
 */
@Component
class MailStoreConnector {

    private final PasswordCipher cipher;
    private final InboundPollerProperties properties;

    MailStoreConnector(PasswordCipher cipher, InboundPollerProperties properties) {
        this.cipher = cipher;
        this.properties = properties;
    }

    Store connect(Mailbox mailbox) throws MessagingException {
        if (mailbox.password() == null) {
            throw new AuthenticationFailedException("no password is stored for this mailbox");
        }
        String protocol = mailbox.protocol().name().toLowerCase(Locale.ROOT);
        Store store = Session.getInstance(sessionProperties(protocol)).getStore(protocol);
        store.connect(mailbox.host(), mailbox.port(), mailbox.username(), cipher.decrypt(mailbox.password()));
        return store;
    }

    private Properties sessionProperties(String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties session = new Properties();
        session.setProperty(prefix + "connectiontimeout", millis(properties.connectTimeout().toMillis()));
        session.setProperty(prefix + "timeout", millis(properties.readTimeout().toMillis()));
        session.setProperty(prefix + "writetimeout", millis(properties.writeTimeout().toMillis()));
        session.setProperty(prefix + "ssl.checkserveridentity", "true");
        // IMAP: reading a message must not set \Seen; afterRead decides that, after the checkpoint moved
        session.setProperty(prefix + "peek", "true");
        return session;
    }

    private static String millis(long value) {
        return Long.toString(value);
    }
}
