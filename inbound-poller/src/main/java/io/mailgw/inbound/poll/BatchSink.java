package io.mailgw.inbound.poll;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.mailgw.inbound.checkpoint.Fingerprint;
import io.mailgw.model.mailbox.Mailbox;

/** Where the poller hands each fetched batch: kept raw, parsed and published, one wait for all acks. */
public interface BatchSink {

    /**
     * Keeps the raw messages, parses them and sends every record, without waiting for Kafka; the
     * answer waits, once, for all the acks. The fetched messages may be closed once this returns.
     *
     * @param known which of these fingerprints were published before; asked once, for the messages to recheck
     */
    Publishing publish(Mailbox mailbox, List<FetchedMessage> batch, Function<Set<Fingerprint>, Set<Fingerprint>> known);

    /** Publishes one message that could not be read, with {@code problem} as its {@code parseError}. */
    PublishedBatch publishUnreadable(Mailbox mailbox, MessageRef ref, String problem) throws InterruptedException;

    /** A batch sent to Kafka, its acks not yet waited for. */
    @FunctionalInterface
    interface Publishing {

        /**
         * @return what Kafka acknowledged, from the first message on
         * @throws InterruptedException when the poller shuts down while waiting for Kafka
         */
        PublishedBatch await() throws InterruptedException;
    }
}
