package io.mailgw.localstack;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the parts of the local stack in order, printing how long each took, then the ready
 * report; stops them in reverse order when the context closes (Ctrl-C), each within
 * {@code mailgw.localstack.stop-timeout}, so that one stuck part cannot keep the others running.
 */
class StackLauncher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StackLauncher.class);

    private final List<StackPart> parts;
    private final ReadyReport readyReport;
    private final Duration stopTimeout;
    private final Clock clock;
    private final Deque<StackPart> started = new ArrayDeque<>();
    private volatile boolean running;

    StackLauncher(List<StackPart> parts, ReadyReport readyReport, Duration stopTimeout, Clock clock) {
        this.parts = List.copyOf(parts);
        this.readyReport = readyReport;
        this.stopTimeout = stopTimeout;
        this.clock = clock;
    }

    @Override
    public void start() {
        long begin = clock.millis();
        for (StackPart part : parts) {
            startPart(part);
        }
        running = true;
        readyReport.print(Duration.ofMillis(clock.millis() - begin));
    }

    private void startPart(StackPart part) {
        long begin = clock.millis();
        log.info("Starting {}", part.description());
        started.push(part);
        try {
            part.start();
        }
        catch (Exception ex) {
            log.error("Starting {} failed ({}); stopping what was started and giving up", part.description(),
                    ex.getMessage());
            stopAll();
            throw new LocalStackStartException("Could not start " + part.description() + ": " + ex.getMessage(), ex);
        }
        log.info("Started {} in {}", part.description(), seconds(clock.millis() - begin));
    }

    @Override
    public void stop() {
        stopAll();
        running = false;
    }

    private void stopAll() {
        while (!started.isEmpty()) {
            stopPart(started.pop());
        }
    }

    private void stopPart(StackPart part) {
        long begin = clock.millis();
        FutureTask<Void> task = new FutureTask<>(() -> {
            part.stop();
            return null;
        });
        Thread worker = new Thread(task, "local-stack-stop");
        worker.setDaemon(true);
        worker.start();
        try {
            task.get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Stopped {} in {}", part.description(), seconds(clock.millis() - begin));
        }
        catch (TimeoutException ex) {
            worker.interrupt();
            log.warn("Stopping {} took longer than {} s; going on with the next part", part.description(),
                    stopTimeout.toSeconds());
        }
        catch (ExecutionException ex) {
            log.warn("Stopping {} failed ({}); going on with the next part", part.description(),
                    ex.getCause().toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping {}; going on with the next part", part.description());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
