package io.mailgw.inbound.poll;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Polls one mailbox once: connects, lets the fetcher of its protocol publish the new messages,
 * and records the outcome on the mailbox status and in metrics ({@code mailgw.inbound.poll}
 * timer, {@code mailgw.inbound.poll.failures} counter, both per mailbox).
 */
@Component
public class MailPoller {

    private final MailStoreConnector connector;
    private final Map<InboundProtocol, MailFetcher> fetchers = new EnumMap<>(InboundProtocol.class);
    private final MessageSink sink;
    private final MailboxStatusRecorder status;
    private final MeterRegistry meters;

    MailPoller(MailStoreConnector connector, List<MailFetcher> fetchers, MessageSink sink,
               MailboxStatusRecorder status, MeterRegistry meters) {
        this.connector = connector;
        fetchers.forEach(fetcher -> fetcher.protocols().forEach(protocol -> this.fetchers.put(protocol, fetcher)));
        this.sink = sink;
        this.status = status;
        this.meters = meters;
    }

    /**
     * @param keepGoing asked before each message; the poll stops cleanly between two messages once false
     */
    public PollOutcome poll(Mailbox mailbox, BooleanSupplier keepGoing) {
        Timer.Sample sample = Timer.start(meters);
        PollOutcome outcome = run(mailbox, keepGoing);
        sample.stop(meters.timer("mailgw.inbound.poll", "mailbox", mailbox.id(),
                "outcome", outcome.failed() ? "failure" : "success"));
        if (outcome.failed()) {
            status.failure(mailbox.id(), outcome.failure().state(), outcome.failure().reason());
            meters.counter("mailgw.inbound.poll.failures", "mailbox", mailbox.id(),
                    "state", outcome.failure().state().name()).increment();
        }
        else if (!outcome.abandoned()) {
            status.success(mailbox.id(), outcome.published());
        }
        return outcome;
    }

    private PollOutcome run(Mailbox mailbox, BooleanSupplier keepGoing) {
        MailFetcher fetcher = mailbox.inbound().protocol() == null ? null : fetchers.get(mailbox.inbound().protocol());
        if (fetcher == null) {
            return PollOutcome.failed(0, new PollFailure(MailboxState.DEGRADED, "no inbound protocol is set"), null);
        }
        AtomicInteger published = new AtomicInteger();
        MessageSink counting = message -> {
            sink.publish(message);
            published.incrementAndGet();
        };
        try (Store store = connector.connect(mailbox)) {
            fetcher.fetch(mailbox, store, counting, keepGoing);
            return PollOutcome.succeeded(published.get());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return PollOutcome.interrupted();
        }
        catch (MessagingException | RuntimeException ex) {
            return PollOutcome.failed(published.get(), PollFailureClassifier.classify(ex), ex);
        }
    }
}
