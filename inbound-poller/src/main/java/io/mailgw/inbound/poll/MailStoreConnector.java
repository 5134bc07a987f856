package io.mailgw.inbound.poll;

import java.io.IOException;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.LoginSecrets;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Opens a Jakarta Mail store for a mailbox with explicit connect, read and write timeouts
 * (Jakarta's own defaults are infinite), through the {@link ConnectGuard}: the server's name is
 * resolved once, its address checked, and the store connects to that address. Plain IMAP and POP3
 * upgrade with STARTTLS, required unless the mailbox's {@code requireTls} is off; TLS trusts the
 * JVM's authorities plus the mailbox's own {@code trustedCertificatePem} and checks the configured
 * host name; nothing trusts all. The login secret is read just before the login and never kept.
 */
@Component
class MailStoreConnector {

    private final LoginSecrets logins;
    private final InboundPollerProperties properties;
    private final ConnectGuard guard;

    MailStoreConnector(LoginSecrets logins, InboundPollerProperties properties, ConnectGuard guard) {
        this.logins = logins;
        this.properties = properties;
        this.guard = guard;
    }

    /**
     * @throws MessagingException also when the guard refuses the server, with its
     *                            {@link io.mailgw.model.connect.ConnectionNotAllowedException} as cause
     */
    Store connect(Mailbox mailbox, MailFetcher fetcher) throws MessagingException {
        String secret = logins.secretFor(mailbox);
        MailEndpoint endpoint = endpointOf(mailbox);
        MailSessionBuilder session = MailSessionBuilder.forMailbox(mailbox, endpoint)
                .timeouts(properties.connectTimeout(), properties.readTimeout(), properties.writeTimeout());
        fetcher.configure(session, mailbox);
        Store store = session.build().getStore(session.protocol());
        store.connect(endpoint.connectHost(), endpoint.port(), mailbox.username(), secret);
        return store;
    }

    private MailEndpoint endpointOf(Mailbox mailbox) throws MessagingException {
        try {
            return guard.endpointFor(mailbox.server());
        }
        catch (IOException ex) {
            throw new MessagingException("Connecting to " + mailbox.describe() + " is not possible: " + ex.getMessage(),
                    ex);
        }
    }
}
