package io.mailgw.inbound.poll;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.checkpoint.MailboxCheckpoint;
import io.mailgw.inbound.checkpoint.Position;
import io.mailgw.inbound.lease.LeaseLostException;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Reads one mailbox until nothing new is left, in batches, and is the one place that orders the
 * work, for every protocol: list, fetch, publish (and wait for Kafka's acks), then move the
 * checkpoint, then run the {@code afterRead} action on the server. So nothing is flagged, moved or
 * deleted before Kafka acknowledged it, and the checkpoint never passes an unacknowledged message.
 * The fetchers only list, fetch and confirm. It goes on while batches come back full, until its
 * time slice ({@code drain-slice}) is spent, and stops before a batch once the lease is gone or
 * the poller stops. Any failure closes the connection, so that the next read starts afresh from
 * the checkpoint. Fetch latency is timed per batch ({@code mailgw.inbound.fetch}).
 */
@Component
public class MailPoller {

    private final MailStoreConnector connector;
    private final Map<InboundProtocol, MailFetcher> fetchers = new EnumMap<>(InboundProtocol.class);
    private final BatchSink sink;
    private final InboundPollerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    MailPoller(MailStoreConnector connector, List<MailFetcher> fetchers, BatchSink sink,
               InboundPollerProperties properties, Clock clock, MeterRegistry meters) {
        this.connector = connector;
        fetchers.forEach(fetcher -> fetcher.protocols().forEach(protocol -> this.fetchers.put(protocol, fetcher)));
        this.sink = sink;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param keepGoing asked before each batch: false once the poller stops or lost the lease
     * @param listener  hears of news and of a lost connection while the folder waits with IDLE
     */
    public DrainOutcome drain(Mailbox mailbox, MailboxCheckpoint checkpoint, MailboxConnection connection, ReadCare care,
                              BooleanSupplier keepGoing, MailFolder.IdleListener listener) {
        connection.idling(false);
        Drain drain = new Drain(mailbox, checkpoint, care, keepGoing, clock.instant().plus(properties.drainSlice()));
        try {
            MailFolder folder = open(mailbox, checkpoint, connection);
            boolean more = drain.run(folder);
            boolean idling = !more && waitForNews(mailbox, folder, connection, listener);
            if (!folder.staysCurrent()) {
                connection.close();
            }
            return DrainOutcome.done(drain.published, more, idling);
        }
        catch (InterruptedException ex) {
            connection.close();
            Thread.currentThread().interrupt();
            return DrainOutcome.abandoned(drain.published);
        }
        catch (LeaseLostException ex) {
            connection.close();
            return DrainOutcome.abandoned(drain.published);
        }
        catch (MessagingException | IOException | RuntimeException ex) {
            connection.close();
            care.failed(properties.batchSize());
            return DrainOutcome.failed(drain.published, PollFailureClassifier.classify(ex), ex);
        }
    }

    private MailFolder open(Mailbox mailbox, MailboxCheckpoint checkpoint, MailboxConnection connection)
            throws MessagingException {
        MailFolder open = connection.folder();
        if (open != null) {
            return open;
        }
        connection.close();
        MailFetcher fetcher = mailbox.inbound().protocol() == null ? null : fetchers.get(mailbox.inbound().protocol());
        if (fetcher == null) {
            throw new NoProtocolException();
        }
        Store store = connector.connect(mailbox, fetcher);
        try {
            MailFolder folder = fetcher.open(mailbox, store, checkpoint);
            connection.opened(store, folder);
            return folder;
        }
        catch (MessagingException | RuntimeException ex) {
            store.close();
            throw ex;
        }
    }

    private static boolean waitForNews(Mailbox mailbox, MailFolder folder, MailboxConnection connection,
                                       MailFolder.IdleListener listener) throws MessagingException {
        if (!mailbox.inbound().idleWanted() || !folder.canIdle()) {
            return false;
        }
        folder.idle(listener);
        connection.idling(true);
        return true;
    }

    /** One read: its batches in the order of work. */
    private final class Drain {

        private final Mailbox mailbox;
        private final MailboxCheckpoint checkpoint;
        private final ReadCare care;
        private final BooleanSupplier keepGoing;
        private final Instant until;
        private int published;

        Drain(Mailbox mailbox, MailboxCheckpoint checkpoint, ReadCare care, BooleanSupplier keepGoing, Instant until) {
            this.mailbox = mailbox;
            this.checkpoint = checkpoint;
            this.care = care;
            this.keepGoing = keepGoing;
            this.until = until;
        }

        /**
         * One batch is in flight at most while the next is fetched, kept and parsed: the acks of batch N
         * arrive while batch N+1 is read, and N is checkpointed and confirmed before N+1 is sent. Messages
         * read one at a time (after a failure) go one by one, nothing in flight.
         *
         * @return whether new messages wait still
         */
        boolean run(MailFolder folder) throws MessagingException, IOException, InterruptedException {
            BatchSink.Publishing inFlight = null;
            try {
                while (keepGoing.getAsBoolean()) {
                    Listing listing = folder.list(care.singles() > 0 ? 1 : properties.batchSize(),
                            properties.batchBytes().toBytes());
                    if (listing.isEmpty()) {
                        care.trusted();
                        return false;
                    }
                    if (care.suspect()) {
                        BatchSink.Publishing previous = inFlight;
                        inFlight = null;
                        land(folder, previous);
                        if (passedAsUnreadable(folder, listing.refs().get(0))) {
                            continue;
                        }
                    }
                    BatchSink.Publishing next = publish(folder, listing.refs());
                    BatchSink.Publishing previous = inFlight;
                    inFlight = null;
                    land(folder, previous);
                    if (care.singles() > 0) {
                        land(folder, next);
                    }
                    else {
                        inFlight = next;
                    }
                    if (care.singles() == 0) {
                        care.trusted();
                    }
                    if (!listing.more()) {
                        return false;
                    }
                    if (!clock.instant().isBefore(until)) {
                        return true;
                    }
                }
                return false;
            }
            finally {
                land(folder, inFlight);
            }
        }

        /**
         * Counts an attempt at the first message; one that failed {@code read-attempts} times already is
         * published unread, with {@code parseError}, and passed.
         */
        private boolean passedAsUnreadable(MailFolder folder, MessageRef first)
                throws MessagingException, InterruptedException {
            int attempts = checkpoint.attempt(first.position());
            if (attempts > 1 && care.singles() == 0) {
                care.readSingly(properties.batchSize());
            }
            if (attempts <= properties.readAttempts()) {
                return false;
            }
            requireLease();
            PublishedBatch unread = sink.publishUnreadable(mailbox, first, "could not be read from the server in "
                    + properties.readAttempts() + " attempts; passed without its content");
            finish(folder, unread);
            return true;
        }

        /** Fetches the batch, keeps and parses it, and sends it without waiting. */
        private BatchSink.Publishing publish(MailFolder folder, List<MessageRef> refs)
                throws MessagingException, IOException {
            Timer.Sample fetching = Timer.start(meters);
            List<FetchedMessage> fetched = folder.fetch(refs);
            fetching.stop(meters.timer("mailgw.inbound.fetch", "protocol", String.valueOf(mailbox.inbound().protocol())));
            try {
                requireLease();
                return sink.publish(mailbox, fetched, checkpoint::known);
            }
            finally {
                fetched.forEach(FetchedMessage::close);
            }
        }

        /** Waits for a batch in flight, if any, and finishes it. */
        private void land(MailFolder folder, BatchSink.Publishing inFlight)
                throws MessagingException, InterruptedException {
            if (inFlight != null) {
                finish(folder, inFlight.await());
            }
        }

        /** Checkpoint, then afterRead, for what Kafka acknowledged; then the failure of the rest, if any. */
        private void finish(MailFolder folder, PublishedBatch batch) throws MessagingException {
            if (!batch.acked().isEmpty()) {
                List<Position> positions = batch.acked().stream().map(MessageRef::position).toList();
                Timer.Sample checkpointing = Timer.start(meters);
                checkpoint.advance(positions, batch.fingerprints());
                checkpointing.stop(meters.timer("mailgw.inbound.batch.step", "step", "checkpoint"));
                Timer.Sample confirming = Timer.start(meters);
                folder.confirm(batch.acked());
                confirming.stop(meters.timer("mailgw.inbound.batch.step", "step", "confirm"));
                published += batch.acked().size();
                if (care.singles() > 0) {
                    care.oneReadSingly();
                }
            }
            if (batch.failure() != null) {
                throw batch.failure();
            }
        }

        /** Nothing is published by a poller that lost the lease. */
        private void requireLease() {
            if (!keepGoing.getAsBoolean()) {
                throw new LeaseLostException(checkpoint.lease());
            }
        }
    }

    /** A mailbox without protocol: nothing can read it. */
    private static final class NoProtocolException extends RuntimeException {

        NoProtocolException() {
            super("no inbound protocol is set");
        }
    }
}
