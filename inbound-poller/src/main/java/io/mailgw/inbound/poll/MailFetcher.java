package io.mailgw.inbound.poll;

import java.util.Set;
import java.util.function.BooleanSupplier;

import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/**
 * Reads the new messages of one mailbox over one protocol family. For each message, in this
 * order: hand it to the sink (which returns once Kafka acknowledged it), move the checkpoint,
 * then run the mailbox's {@code afterRead} action on the server.
 */
public interface MailFetcher {

    /** The protocols this fetcher reads. */
    Set<InboundProtocol> protocols();

    /**
     * @param store     connected to the mailbox's server
     * @param keepGoing asked before each message; false once the poller shuts down or lost the lease
     * @return how many messages were published
     */
    int fetch(Mailbox mailbox, Store store, MessageSink sink, BooleanSupplier keepGoing)
            throws MessagingException, InterruptedException;
}
