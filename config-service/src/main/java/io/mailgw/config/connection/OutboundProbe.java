package io.mailgw.config.connection;

import java.util.ArrayList;
import java.util.List;

import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * SMTP as the sender speaks it: TLS from the first byte for {@code SSL}, EHLO, STARTTLS required
 * for {@code STARTTLS}, and AUTH when the outbox logs in. Sends no mail.
 */
@Component
class OutboundProbe implements ConnectionProbe {

    private static final Logger log = LoggerFactory.getLogger(OutboundProbe.class);

    @Override
    public MailboxType type() {
        return MailboxType.OUTBOUND;
    }

    @Override
    public List<Step> steps(Mailbox outbox) {
        List<Step> steps = new ArrayList<>(List.of(Step.CONNECT));
        if (outbox.outbound().security() == SmtpSecurity.SSL) {
            steps.add(Step.TLS);
        }
        steps.add(Step.EHLO);
        if (outbox.outbound().security() == SmtpSecurity.STARTTLS) {
            steps.add(Step.STARTTLS);
        }
        if (outbox.needsCredentials()) {
            steps.add(Step.AUTH);
        }
        return steps;
    }

    @Override
    public ProbeReport probe(Mailbox outbox, String password, MailEndpoint endpoint) throws MessagingException {
        MailSessionBuilder session = ConnectionProbe.session(outbox, endpoint);
        SMTPTransport transport = (SMTPTransport) session.build().getTransport(session.protocol());
        try {
            boolean login = outbox.needsCredentials();
            transport.connect(endpoint.connectHost(), endpoint.port(), login ? outbox.username() : null,
                    login ? password : null);
            if (login && !transport.supportsExtension("AUTH")) {
                throw new ProbeFailedException(ConnectionTestCode.AUTH_FAILED, "The server answered EHLO but offers "
                        + "no login (no AUTH), so the outbox's user name and password cannot be used there.");
            }
            return new ProbeReport(null, null, "Connected to " + endpoint.host() + ":" + endpoint.port()
                    + security(outbox.outbound().security()) + ", the server answered EHLO"
                    + (login ? " and accepted the login of " + outbox.username() + "." : "; no login is configured."));
        }
        finally {
            close(transport);
        }
    }

    private static String security(SmtpSecurity security) {
        return switch (security) {
            case SSL -> " over TLS";
            case STARTTLS -> ", switched to TLS with STARTTLS";
            case NONE -> " without TLS";
        };
    }

    private static void close(SMTPTransport transport) {
        try {
            transport.close();
        }
        catch (MessagingException ex) {
            log.debug("Closing the test connection failed ({}); the test's outcome stands", ex.getMessage());
        }
    }
}
