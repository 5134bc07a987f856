package io.mailgw.inbound.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.checkpoint.CheckpointStore;
import io.mailgw.inbound.lease.Lease;
import io.mailgw.inbound.lease.LeaseChanges;
import io.mailgw.inbound.lease.MailboxLeaseRegistry;
import io.mailgw.inbound.poll.MailFolder;
import io.mailgw.inbound.poll.MailPoller;
import io.mailgw.inbound.store.GridFsMailStore;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the reads of the mailboxes this poller holds. Every {@code refresh} it re-reads the enabled
 * inbound mailboxes (new, changed and disabled ones take effect without a restart; a new one starts a
 * lease round at once); every lease round it takes its fair share of them ({@link MailboxLeaseRegistry}); every {@code tick} it starts
 * the read of each mailbox that is due, with no cap per tick, on a bounded pool of workers, one
 * read per mailbox at most. IDLE news starts a read at once. A read that has more to read goes to
 * the back of the queue after its time slice, so one huge mailbox does not hold the others.
 * Measures how late each read starts after it was due ({@code mailgw.inbound.schedule.delay}) and
 * shows the mailboxes held and the connections waiting with IDLE
 * ({@code mailgw.inbound.mailboxes}, {@code mailgw.inbound.idle.connections}). At shutdown, reads
 * stop before their next batch; the connections are closed and the leases given back.
 */
@Component
class PollScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final MailboxRepository mailboxes;
    private final MailboxLeaseRegistry leases;
    private final MailboxReader reader;
    private final GridFsMailStore blobs;
    private final CheckpointStore checkpoints;
    private final InboundPollerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, MailboxRuntime> runtimes = new ConcurrentHashMap<>();
    private volatile Map<String, Mailbox> enabled = Map.of();
    private volatile Instant lastTick = Instant.EPOCH;
    private volatile boolean running;
    private ScheduledExecutorService ticker;
    private ExecutorService workers;

    PollScheduler(MailboxRepository mailboxes, MailboxLeaseRegistry leases, MailPoller poller, GridFsMailStore blobs,
                  CheckpointStore checkpoints, MailboxStatusRecorder status, InboundPollerProperties properties,
                  Clock clock, MeterRegistry meters) {
        this.mailboxes = mailboxes;
        this.leases = leases;
        this.reader = new MailboxReader(mailboxes, poller, checkpoints, leases, status, properties, clock, meters);
        this.blobs = blobs;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("mailgw.inbound.mailboxes", runtimes, Map::size).register(meters);
        Gauge.builder("mailgw.inbound.idle.connections", runtimes,
                all -> all.values().stream().filter(runtime -> runtime.connection().idling()).count()).register(meters);
    }

    @Override
    public synchronized void start() {
        workers = Executors.newFixedThreadPool(properties.workers(), named("inbound-read-"));
        ticker = Executors.newSingleThreadScheduledExecutor(named("inbound-tick-"));
        running = true;
        lastTick = clock.instant();
        every(Duration.ZERO, properties.refresh(), this::refresh, "Reading the enabled mailboxes");
        every(Duration.ZERO, leases.roundInterval(), this::leaseRound, "Sharing the mailboxes with other pollers");
        every(properties.tick(), properties.tick(), this::tick, "Starting due reads");
        every(properties.retentionSweepInterval(), properties.retentionSweepInterval(), this::sweep,
                "Removing expired raw messages");
        log.info("Reading inbound mailboxes as {} with {} worker(s)", leases.owner(), properties.workers());
    }

    @Override
    public synchronized void stop() {
        running = false;
        ticker.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Reads still running after {} s: interrupting them; their batch stays unconfirmed and is "
                        + "read again by the next poller", properties.shutdownTimeout().toSeconds());
                workers.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        finally {
            runtimes.values().forEach(runtime -> runtime.connection().close());
            runtimes.clear();
            releaseLeases();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** When the scheduler last looked for due reads; a stale one means it stopped working. */
    Instant lastTick() {
        return lastTick;
    }

    int held() {
        return runtimes.size();
    }

    /**
     * Re-reads the enabled mailboxes; when one is new, the lease round and the tick run at once, so that a
     * new mailbox is read within a refresh rather than a refresh, a lease round and a tick.
     */
    void refresh() {
        Map<String, Mailbox> current = mailboxes.findByTypeAndEnabledTrue(MailboxType.INBOUND).stream()
                .map(Mailbox::withDefaults).collect(Collectors.toMap(Mailbox::id, Function.identity()));
        boolean news = !enabled.keySet().containsAll(current.keySet());
        enabled = current;
        Instant now = clock.instant();
        runtimes.values().forEach(runtime -> {
            Mailbox latest = current.get(runtime.id());
            if (latest == null) {
                log.info("{} was disabled or deleted: no longer read", runtime.mailbox().describe());
                stop(runtime);
                leases.release(runtime.id());
            }
            else if (!latest.equals(runtime.mailbox())) {
                runtime.reconfigured(latest, now);
            }
        });
        if (news && running) {
            leaseRound();
            tick();
        }
    }

    void leaseRound() {
        Map<String, Mailbox> current = enabled;
        LeaseChanges changes = leases.rebalance(current.keySet(), id -> {
            MailboxRuntime runtime = runtimes.get(id);
            return runtime != null && runtime.busy();
        });
        Instant now = clock.instant();
        for (Lease lease : changes.claimed()) {
            Mailbox mailbox = current.get(lease.mailboxId());
            MailboxRuntime previous = runtimes.put(lease.mailboxId(), new MailboxRuntime(lease, mailbox, now));
            if (previous != null) {
                stop(previous);
            }
        }
        Set<String> gone = new HashSet<>(changes.released());
        gone.addAll(changes.lost());
        gone.forEach(id -> {
            MailboxRuntime runtime = runtimes.get(id);
            if (runtime != null) {
                stop(runtime);
            }
        });
    }

    void tick() {
        Instant now = clock.instant();
        lastTick = now;
        for (MailboxRuntime runtime : runtimes.values()) {
            if (!runtime.dueAt().isAfter(now)) {
                submit(runtime);
            }
        }
    }

    private void submit(MailboxRuntime runtime) {
        if (!running || !runtime.claimRead()) {
            return;
        }
        Duration late = Duration.between(runtime.dueAt(), clock.instant());
        meters.timer("mailgw.inbound.schedule.delay").record(late.isNegative() ? Duration.ZERO : late);
        try {
            workers.execute(() -> read(runtime));
        }
        catch (RejectedExecutionException ex) {
            runtime.readEnded();
        }
    }

    private void read(MailboxRuntime runtime) {
        boolean again = false;
        try {
            again = !runtime.stopped() && reader.read(runtime, () -> running, listener(runtime));
        }
        catch (RuntimeException ex) {
            runtime.dueAt(clock.instant().plus(properties.backoffInitial()));
            log.warn("Reading {} failed unexpectedly ({}); next try in {} s", runtime.mailbox().describe(),
                    ex.getMessage(), properties.backoffInitial().toSeconds(), ex);
        }
        finally {
            if (runtime.stopped()) {
                runtime.connection().close();
            }
            runtime.readEnded();
        }
        if (again || runtime.takeNews()) {
            runtime.dueAt(clock.instant());
            submit(runtime);
        }
    }

    /** Hears IDLE news and lost connections on the selector thread: both only mark the mailbox due. */
    private MailFolder.IdleListener listener(MailboxRuntime runtime) {
        return new MailFolder.IdleListener() {
            @Override
            public void news() {
                runtime.news(clock.instant());
                submit(runtime);
            }

            @Override
            public void lost() {
                meters.counter("mailgw.inbound.idle.reconnects").increment();
                log.info("{}: the server closed the IDLE connection; reconnecting", runtime.mailbox().describe());
                runtime.dueAt(clock.instant());
            }
        };
    }

    /** Stops a mailbox's reads; its connection is closed by its running read, or on a worker now. */
    private void stop(MailboxRuntime runtime) {
        runtime.stop();
        runtimes.remove(runtime.id(), runtime);
        if (runtime.claimRead()) {
            try {
                workers.execute(() -> {
                    runtime.connection().close();
                    runtime.readEnded();
                });
            }
            catch (RejectedExecutionException ex) {
                runtime.connection().close();
            }
        }
    }

    private void sweep() {
        blobs.sweep();
        checkpoints.sweep();
    }

    /** Gives the leases back, waiting a lease round at most: a MongoDB that is gone must not hold the shutdown. */
    private void releaseLeases() {
        try {
            CompletableFuture.runAsync(leases::releaseAll)
                    .get(leases.roundInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            log.warn("Giving back the mailbox leases failed ({}); other pollers take the mailboxes over when the "
                    + "leases expire, within {} s", ex.getMessage(), properties.leasePeriod().toSeconds());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void every(Duration delay, Duration period, Runnable job, String what) {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            }
            catch (RuntimeException ex) {
                if (running) {
                    log.warn("{} failed ({}); next try in {} ms", what, ex.getMessage(), period.toMillis(), ex);
                }
            }
        }, delay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
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
