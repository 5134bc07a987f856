package io.mailgw.outbound.smtp;

import java.time.Clock;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.OutboundProperties;

import org.springframework.stereotype.Component;

/** Opens the SMTP side of an outbox: a pool of connections through the connect guard, sized by its lane. */
@Component
public class SmtpOutboxes {

    static final String RETRY_NAME = "smtp";

    private final ConnectGuard guard;
    private final SmtpSender sender;
    private final OutboundProperties.Smtp settings;
    private final Retry inPlace;
    private final Clock clock;

    SmtpOutboxes(ConnectGuard guard, SmtpSender sender, OutboundProperties properties, RetryRegistry retries,
                 Clock clock) {
        this.guard = guard;
        this.sender = sender;
        this.settings = properties.smtp();
        this.inPlace = retries.retry(RETRY_NAME);
        this.clock = clock;
    }

    public SmtpOutbox open(Mailbox outbox) {
        return new SmtpOutbox(new OutboxConnections(outbox, guard, settings, clock), sender, inPlace);
    }
}
