package io.mailgw.outbound.smtp;

import java.util.List;

import io.github.resilience4j.retry.Retry;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP side of one outbox: its pooled connections, and sending over them with a few quick
 * in-place retries of a transient failure that showed at once (resilience4j retry {@code smtp}).
 */
public final class SmtpOutbox implements AutoCloseable {

    private final OutboxConnections connections;
    private final SmtpSender sender;
    private final Retry inPlace;

    SmtpOutbox(OutboxConnections connections, SmtpSender sender, Retry inPlace) {
        this.connections = connections;
        this.sender = sender;
        this.inPlace = inPlace;
    }

    public Mailbox outbox() {
        return connections.outbox();
    }

    /** @param recipients the envelope recipients still to serve, Bcc included */
    public SendReport send(MimeMessage message, List<InternetAddress> recipients) {
        return inPlace.executeSupplier(() -> sender.send(connections, message, recipients));
    }

    /** Connections open now, busy or idle. */
    public int openConnections() {
        return connections.open();
    }

    /** Closes the idle connections now and the busy ones as they come back. */
    @Override
    public void close() {
        connections.close();
    }
}
