package io.mailgw.model.connect;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one scheduler that aborts a mail server write that takes longer than its write timeout.
 * Angus Mail would otherwise start a thread for every connection with a write timeout, which a
 * poller with thousands of open IMAP connections cannot afford. Its task only closes a socket, so
 * one daemon thread serves the whole JVM.
 */
final class WriteTimeoutScheduler {

    static final ScheduledThreadPoolExecutor SHARED = create();

    private WriteTimeoutScheduler() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mail-write-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // a write cancels its task when it ends in time: drop cancelled tasks at once, not at their deadline
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
