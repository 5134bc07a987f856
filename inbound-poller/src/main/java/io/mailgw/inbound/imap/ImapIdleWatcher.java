package io.mailgw.inbound.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.mailgw.inbound.InboundPollerProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IdleManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Watches every IMAP folder that waits with IDLE from one selector thread, Angus Mail's
 * {@link IdleManager}, so that thousands of mailboxes cost no thread each. Its pool also ends an
 * IDLE (DONE) when a read needs the folder: one thread for the selector, one per worker for that.
 * Should the selector ever stop, the next watch starts a new one.
 */
@Component
class ImapIdleWatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImapIdleWatcher.class);

    private final ExecutorService executor;
    private final Session session = Session.getInstance(new Properties());
    private IdleManager manager;

    ImapIdleWatcher(InboundPollerProperties properties) {
        this.executor = Executors.newFixedThreadPool(1 + properties.workers(), named());
    }

    /** Waits for news on the open folder; any later command on the folder ends the wait. */
    void watch(IMAPFolder folder) throws MessagingException {
        try {
            manager().watch(folder);
        }
        catch (MessagingException ex) {
            if (!"IdleManager is not running".equals(ex.getMessage())) {
                throw ex;
            }
            log.warn("The IMAP IDLE selector had stopped; starting a new one");
            restart().watch(folder);
        }
    }

    @Override
    public synchronized void destroy() {
        if (manager != null) {
            manager.stop();
        }
        executor.shutdownNow();
    }

    private synchronized IdleManager manager() {
        return manager != null ? manager : restart();
    }

    private synchronized IdleManager restart() {
        try {
            manager = new IdleManager(session, executor);
            return manager;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The IMAP IDLE selector cannot be opened", ex);
        }
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "inbound-idle-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
