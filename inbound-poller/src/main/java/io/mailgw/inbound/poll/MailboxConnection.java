package io.mailgw.inbound.poll;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox's connection and open folder, kept between reads where the protocol allows it
 * (IMAP), so that a read costs no new TLS handshake and login. Used by one read at a time; while
 * the folder waits with IDLE, only Angus Mail's selector thread touches it.
 */
public final class MailboxConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailboxConnection.class);

    private Store store;
    private MailFolder folder;
    private volatile boolean idling;

    /** The open folder, or {@code null} when the connection must be opened (again). */
    MailFolder folder() {
        return folder != null && folder.isOpen() ? folder : null;
    }

    void opened(Store store, MailFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    /** Whether the folder waits for news with IMAP IDLE now. */
    public boolean idling() {
        return idling && folder != null && folder.isOpen();
    }

    void idling(boolean idling) {
        this.idling = idling;
    }

    /** Closes folder and connection; the next read opens them again from the checkpoint. */
    @Override
    public void close() {
        idling = false;
        if (folder != null) {
            folder.close();
            folder = null;
        }
        if (store != null) {
            try {
                store.close();
            }
            catch (MessagingException | RuntimeException ex) {
                log.debug("Closing a mail connection failed ({}); it is dropped", ex.getMessage());
            }
            store = null;
        }
    }
}
