package io.mailgw.inbound.schedule;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mailgw.inbound.checkpoint.MailboxCheckpoint;
import io.mailgw.inbound.lease.Lease;
import io.mailgw.inbound.poll.MailboxConnection;
import io.mailgw.inbound.poll.ReadCare;
import io.mailgw.model.mailbox.Mailbox;

/**
 * One mailbox this poller holds the lease of: its latest settings, its kept connection, when it is
 * read next, and whether a read is queued or running (never two at once). Created when the lease
 * is claimed, stopped when it is given back or lost.
 */
final class MailboxRuntime {

    private final Lease lease;
    private final MailboxConnection connection = new MailboxConnection();
    private final ReadCare care = new ReadCare();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Mailbox mailbox;
    private volatile Instant dueAt;
    private volatile boolean news;
    private volatile boolean stopped;
    private MailboxCheckpoint checkpoint;
    private volatile int failures;
    private volatile boolean reconnect;

    MailboxRuntime(Lease lease, Mailbox mailbox, Instant dueAt) {
        this.lease = lease;
        this.mailbox = mailbox;
        this.dueAt = dueAt;
    }

    String id() {
        return lease.mailboxId();
    }

    Lease lease() {
        return lease;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    MailboxConnection connection() {
        return connection;
    }

    ReadCare care() {
        return care;
    }

    Instant dueAt() {
        return dueAt;
    }

    void dueAt(Instant at) {
        dueAt = at;
    }

    /**
     * Takes new settings: the next read, due at once, opens the connection again with them; a
     * failing mailbox (a refused login too) starts its tries afresh.
     */
    void reconfigured(Mailbox changed, Instant now) {
        mailbox = changed;
        failures = 0;
        reconnect = true;
        dueAt = now;
    }

    /** Whether the settings changed since the connection was opened. */
    boolean takeReconnect() {
        boolean had = reconnect;
        reconnect = false;
        return had;
    }

    /** Whether this read may start: no other is queued or running, and the mailbox is still this poller's. */
    boolean claimRead() {
        return !stopped && busy.compareAndSet(false, true);
    }

    void readEnded() {
        busy.set(false);
    }

    boolean busy() {
        return busy.get();
    }

    /** Marks news from the server (IDLE): a running read goes on once more, an idle mailbox is read at once. */
    void news(Instant now) {
        news = true;
        dueAt = now;
    }

    /** Whether news came in since the last call. */
    boolean takeNews() {
        boolean had = news;
        news = false;
        return had;
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Worker thread only: the checkpoint under this lease, once opened. */
    MailboxCheckpoint checkpoint() {
        return checkpoint;
    }

    void checkpoint(MailboxCheckpoint opened) {
        checkpoint = opened;
    }

    /** Consecutive failed reads. */
    int failures() {
        return failures;
    }

    int failed() {
        return ++failures;
    }

    void succeeded() {
        failures = 0;
    }
}
