package io.mailgw.inbound.schedule;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.lease.MailboxLeaseRegistry;
import io.mailgw.inbound.poll.MailPoller;
import io.mailgw.inbound.poll.PollOutcome;
import io.mailgw.inbound.store.GridFsMailStore;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every tick ({@code mailgw.inbound.tick}): re-reads the enabled inbound mailboxes from MongoDB (so
 * new, changed and disabled ones take effect without a restart), gives back the leases of those
 * no longer enabled, renews the others, and starts the due ones on a bounded worker pool, one
 * worker per mailbox at most, after claiming its lease. A slow server holds one worker only.
 * At shutdown, polls stop between two messages; one still waiting for Kafka after the shutdown
 * timeout is interrupted and its message left for the next poller, its checkpoint unmoved.
 */
@Component
class PollScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final MailboxRepository mailboxes;
    private final MailboxLeaseRegistry leases;
    private final MailPoller poller;
    private final GridFsMailStore blobs;
    private final InboundPollerProperties properties;
    private final Clock clock;
    private final DueTimes dueTimes;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private ScheduledExecutorService ticker;
    private ExecutorService workers;

    PollScheduler(MailboxRepository mailboxes, MailboxLeaseRegistry leases, MailPoller poller, GridFsMailStore blobs,
                  InboundPollerProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.leases = leases;
        this.poller = poller;
        this.blobs = blobs;
        this.properties = properties;
        this.clock = clock;
        this.dueTimes = new DueTimes(properties.minPollInterval());
    }

    @Override
    public synchronized void start() {
        workers = Executors.newFixedThreadPool(properties.workers(), named("inbound-poll-"));
        ticker = Executors.newSingleThreadScheduledExecutor(named("inbound-tick-"));
        running = true;
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, properties.tick().toMillis(), TimeUnit.MILLISECONDS);
        long sweep = properties.retentionSweepInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::sweepSafely, sweep, sweep, TimeUnit.MILLISECONDS);
        log.info("Polling inbound mailboxes as {} with {} worker(s)", leases.owner(), properties.workers());
    }

    @Override
    public synchronized void stop() {
        running = false;
        ticker.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Polls of {} still running after {} s: interrupting them; their current message stays "
                        + "unconfirmed and is read again by the next poller", inFlight,
                        properties.shutdownTimeout().toSeconds());
                workers.shutdownNow();
                workers.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        finally {
            releaseLeases();
        }
    }

    private void releaseLeases() {
        try {
            leases.releaseAll();
        }
        catch (RuntimeException ex) {
            log.warn("Giving back the mailbox leases failed ({}); other pollers take the mailboxes over when the "
                    + "leases expire, within {} s", ex.getMessage(), properties.leasePeriod().toSeconds(), ex);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void tick() {
        List<Mailbox> enabled = mailboxes.findByTypeAndEnabledTrue(MailboxType.INBOUND).stream()
                .map(Mailbox::withDefaults).toList();
        Set<String> enabledIds = enabled.stream().map(Mailbox::id).collect(Collectors.toSet());
        dueTimes.retain(enabledIds);
        leases.held().stream()
                .filter(id -> !enabledIds.contains(id) && !inFlight.contains(id))
                .forEach(leases::release);
        leases.renewDue();
        for (Mailbox mailbox : dueTimes.due(enabled, clock.instant())) {
            if (!running || inFlight.size() >= properties.workers()) {
                return;
            }
            if (!inFlight.contains(mailbox.id()) && leases.claim(mailbox.id())) {
                inFlight.add(mailbox.id());
                workers.execute(() -> pollOnce(mailbox));
            }
        }
    }

    private void pollOnce(Mailbox mailbox) {
        try {
            PollOutcome outcome = poller.poll(mailbox, () -> running && leases.holds(mailbox.id()));
            if (outcome.failed()) {
                log.warn("Polling {} failed ({}); next try in {} s", mailbox.describe(), outcome.failure().reason(),
                        dueTimes.interval(mailbox).toSeconds());
                log.debug("Polling {} failed", mailbox.describe(), outcome.cause());
            }
            else if (outcome.published() > 0) {
                log.info("Polling {} published {} message(s)", mailbox.describe(), outcome.published());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Polling {} failed and its status could not be recorded ({}); next try in {} s",
                    mailbox.describe(), ex.getMessage(), dueTimes.interval(mailbox).toSeconds(), ex);
        }
        finally {
            dueTimes.polled(mailbox.id(), clock.instant());
            inFlight.remove(mailbox.id());
        }
    }

    private void tickSafely() {
        try {
            tick();
        }
        catch (RuntimeException ex) {
            log.warn("Looking for due mailboxes failed ({}); next try in {} ms", ex.getMessage(),
                    properties.tick().toMillis(), ex);
        }
    }

    private void sweepSafely() {
        try {
            blobs.sweep();
        }
        catch (RuntimeException ex) {
            log.warn("Removing expired raw messages failed ({}); next try in {} min", ex.getMessage(),
                    properties.retentionSweepInterval().toMinutes(), ex);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
