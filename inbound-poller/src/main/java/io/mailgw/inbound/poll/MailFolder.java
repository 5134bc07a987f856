package io.mailgw.inbound.poll;

import java.io.IOException;
import java.util.List;

import jakarta.mail.MessagingException;

/**
 * An open folder of one mailbox, as a protocol reads it: it lists, fetches and confirms, and
 * nothing else. What happens in which order (publish, checkpoint, then confirm) is the poller's
 * ({@link MailPoller}) alone. A folder that failed is closed and opened afresh from the checkpoint.
 */
public interface MailFolder extends AutoCloseable {

    /**
     * The next messages not yet handled, oldest first.
     *
     * @param max      messages at most
     * @param maxBytes the messages held in memory (those not above the large-message size) add up to
     *                 no more than this, except a first one
     */
    Listing list(int max, long maxBytes) throws MessagingException;

    /**
     * Reads the raw bytes of the listed messages, in their order; small ones together (IMAP: one
     * {@code UID FETCH}), large ones streamed to a spool file. A message that left the server since
     * it was listed is missing from the answer.
     */
    List<FetchedMessage> fetch(List<MessageRef> refs) throws MessagingException, IOException;

    /** Runs the mailbox's {@code afterRead} action on these messages, published and checkpointed: one command. */
    void confirm(List<MessageRef> refs) throws MessagingException;

    boolean isOpen();

    /**
     * Whether the open folder goes on seeing mail that arrives later, and so is worth keeping open
     * between reads (IMAP); a POP3 maildrop is fixed at login.
     */
    default boolean staysCurrent() {
        return true;
    }

    /** Whether the server announces new mail on this folder (IMAP IDLE), and the mailbox wants it. */
    default boolean canIdle() {
        return false;
    }

    /**
     * Waits for news without a thread of its own: {@code listener} hears of new mail and of a lost
     * connection. Any other call on the folder ends the wait first.
     */
    default void idle(IdleListener listener) throws MessagingException {
        throw new MessagingException("this folder cannot wait for news");
    }

    /** Closes the folder and its connection; afterRead actions pending at the server (POP3 DELE) take effect. */
    @Override
    void close();

    /** Hears what a folder waiting with IDLE learns. */
    interface IdleListener {

        /** New mail arrived. */
        void news();

        /** The connection was lost. */
        void lost();
    }
}
