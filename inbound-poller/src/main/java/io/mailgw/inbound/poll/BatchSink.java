package io.mailgw.inbound.poll;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.mailgw.inbound.checkpoint.Fingerprint;
import io.mailgw.model.mailbox.Mailbox;

/** Where the poller hands each fetched batch: kept raw, parsed and published, one wait for all acks. */
public interface BatchSink {

    /**
     * @param known which of these fingerprints were published before; asked once, for the messages to recheck
     * @return what Kafka acknowledged, from the first message on
     * @throws InterruptedException when the poller shuts down while waiting for Kafka
     */
    PublishedBatch publish(Mailbox mailbox, List<FetchedMessage> batch, Function<Set<Fingerprint>, Set<Fingerprint>> known)
            throws InterruptedException;

    /** Publishes one message that could not be read, with {@code problem} as its {@code parseError}. */
    PublishedBatch publishUnreadable(Mailbox mailbox, MessageRef ref, String problem) throws InterruptedException;
}
