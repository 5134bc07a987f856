package io.mailgw.outbound.smtp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The overall deadline of every SMTP attempt, besides the socket's own timeouts: a server that
 * answers too slowly to ever time out a single read still loses its connection when the attempt's
 * time is up. One timer thread for all outboxes.
 */
@Component
class SmtpDeadlines implements DisposableBean {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbound-smtp-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** Closes {@code connection} under its send when {@code deadline} passes, unless the returned watch is cancelled first. */
    ScheduledFuture<?> watch(SmtpConnection connection, Duration deadline) {
        return timer.schedule(connection::abort, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
