package io.mailgw.config.connection;

import java.util.ArrayList;
import java.util.List;

import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * IMAP and POP3: upgrade a plain connection with STARTTLS (required unless {@code requireTls} is
 * off), log in, open the folder read-only and count its messages, check that the folder read mail
 * is moved to exists, and ask an IMAP server whether it offers IDLE. Changes nothing on the server.
 */
@Component
class InboundProbe implements ConnectionProbe {

    private static final Logger log = LoggerFactory.getLogger(InboundProbe.class);

    @Override
    public MailboxType type() {
        return MailboxType.INBOUND;
    }

    @Override
    public List<Step> steps(Mailbox mailbox) {
        List<Step> steps = new ArrayList<>(List.of(Step.CONNECT));
        if (mailbox.inbound().protocol().isImplicitTls()) {
            steps.add(Step.TLS);
        }
        else if (mailbox.inbound().tlsRequired()) {
            steps.add(Step.STARTTLS);
        }
        steps.addAll(List.of(Step.LOGIN, Step.FOLDER));
        return steps;
    }

    @Override
    public ProbeReport probe(Mailbox mailbox, String password, MailEndpoint endpoint) throws MessagingException {
        MailSessionBuilder session = ConnectionProbe.session(mailbox, endpoint);
        Store store = session.build().getStore(session.protocol());
        InboundSettings settings = mailbox.inbound();
        try {
            store.connect(endpoint.connectHost(), endpoint.port(), mailbox.username(), password);
            int count = messageCount(store, settings.folder());
            if (settings.afterRead() == AfterRead.MOVE) {
                requireFolder(store, settings.moveToFolder(), " (where read mail is moved)");
            }
            boolean idle = store instanceof IMAPStore imap && imap.hasCapability("IDLE");
            return new ProbeReport(count, idle, "Connected to " + endpoint.host() + ":" + endpoint.port() + " over "
                    + settings.protocol() + tls(settings, endpoint) + " and logged in as " + mailbox.username()
                    + "; folder " + settings.folder()
                    + " holds " + count + (count == 1 ? " message" : " messages") + "; the server "
                    + (idle ? "supports IDLE." : "does not support IDLE."));
        }
        finally {
            close(store);
        }
    }

    /** How the password travelled: the connection test reports it, as {@code requireTls} decides it. */
    private static String tls(InboundSettings settings, MailEndpoint endpoint) {
        if (settings.protocol().isImplicitTls()) {
            return "";
        }
        return endpoint.tlsUsed() ? (settings.isPop3() ? " with STLS" : " with STARTTLS") : " without TLS (requireTls is off: the password travelled in clear)";
    }

    private static int messageCount(Store store, String name) throws MessagingException {
        Folder folder = requireFolder(store, name, "");
        folder.open(Folder.READ_ONLY);
        try {
            return folder.getMessageCount();
        }
        finally {
            folder.close(false);
        }
    }

    private static Folder requireFolder(Store store, String name, String role) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            throw new ProbeFailedException(ConnectionTestCode.FOLDER_MISSING,
                    "Logged in, but folder '" + name + "'" + role + " does not exist on the server.");
        }
        return folder;
    }

    private static void close(Store store) {
        try {
            store.close();
        }
        catch (MessagingException ex) {
            log.debug("Closing the test connection failed ({}); the test's outcome stands", ex.getMessage());
        }
    }
}
