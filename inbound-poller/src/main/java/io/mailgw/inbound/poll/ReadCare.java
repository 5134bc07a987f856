package io.mailgw.inbound.poll;

/**
 * How carefully a mailbox must be read, kept by the scheduler between reads. After a failed read,
 * and when a lease was just taken (a previous holder may have died on a message), the attempts to
 * read the next message are counted in the checkpoint; after a failure, or when earlier attempts
 * show one, the next messages are read one at a time, so that the one that fails is found. A
 * message whose reads failed {@code read-attempts} times is published with {@code parseError}
 * without being read again, and passed.
 */
public final class ReadCare {

    private boolean suspect = true;
    private int singles;

    /** Whether the next read must count its attempt at the first message. */
    boolean suspect() {
        return suspect;
    }

    /** How many more messages are read one at a time. */
    int singles() {
        return singles;
    }

    void readSingly(int messages) {
        singles = messages;
    }

    void oneReadSingly() {
        singles = Math.max(0, singles - 1);
    }

    void failed(int batchSize) {
        suspect = true;
        singles = batchSize;
    }

    void trusted() {
        suspect = false;
    }
}
