package io.mailgw.outbound.lane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.smtp.SmtpOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbox's lane: a bounded queue and at most {@code maxConnections} sends at once, on threads
 * of a pool all lanes share. Before a request is queued the lane says whether it can take it: not
 * while the outbox's login is rejected (its mail waits for an admin) or its circuit is open; never
 * once its sends all hang ({@code stall-after}), when even its queue is handed back for deferral;
 * and when full, the intake holds the request back (backpressure) unless that would keep another
 * contract's mail waiting longer than {@code max-queue-wait}, in which case it is deferred. A slow
 * outbox's burst is thus sent as fast as the outbox takes it, and still delays nobody else.
 */
final class OutboxLane {

    private static final Logger log = LoggerFactory.getLogger(OutboxLane.class);
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration STALE_SAMPLE = Duration.ofSeconds(2);

    private final Queue<LaneJob> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final OutboundProperties.Lane settings;
    private final Executor workers;
    private final Work work;
    private final CircuitBreaker breaker;
    private volatile SmtpOutbox smtp;
    private volatile RateLimiter limiter;
    private volatile boolean loginRejected;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile long busySinceNanos = System.nanoTime();
    private volatile long lastOfferNanos = System.nanoTime();
    private long sampledAtNanos = System.nanoTime();
    private long sampledFinished;
    private double perSecond;

    /** What a lane's worker does with each request it takes, in two steps. */
    interface Work {

        /** Gets a request ready to send (it may wait on MongoDB); runs while the request before it is sent. */
        Prepared prepare(LaneJob job, OutboxLane lane);

        /** @return completes when the request's outcome is written */
        CompletableFuture<?> send(Prepared prepared, OutboxLane lane);
    }

    /** A request as {@link Work#prepare} left it. */
    interface Prepared {
    }

    OutboxLane(SmtpOutbox smtp, CircuitBreaker breaker, RateLimiter limiter, OutboundProperties.Lane settings,
               Executor workers, Work work) {
        this.smtp = smtp;
        this.breaker = breaker;
        this.limiter = limiter;
        this.settings = settings;
        this.workers = workers;
        this.work = work;
    }

    Mailbox outbox() {
        return smtp.outbox();
    }

    SmtpOutbox smtp() {
        return smtp;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** The outbox's rate limiter, or {@code null} when it has no {@code maxPerMinute}. */
    RateLimiter limiter() {
        return limiter;
    }

    /**
     * Called from the intake's thread only.
     *
     * @param othersWaiting whether another contract's mail waits behind this request in its partition
     */
    Admission offer(LaneJob job, boolean othersWaiting) {
        lastOfferNanos = System.nanoTime();
        if (loginRejected) {
            return new Admission.Deferred(new DeliveryOutcome.Defer(ErrorCode.SMTP_AUTH_FAILED,
                    "the server rejected the login of outbox " + outbox().id()
                            + "; its mail waits until an admin fixes the outbox", true));
        }
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            return Admission.Deferred.because(ErrorCode.OUTBOX_CIRCUIT_OPEN, "outbox " + outbox().id()
                    + " failed too often lately (circuit open); it is tried again later");
        }
        if (stalled()) {
            return Admission.Deferred.because(ErrorCode.OUTBOX_NOT_ANSWERING, "outbox " + outbox().id()
                    + " is not answering: none of its sends finished for " + settings.stallAfter().toSeconds() + " s");
        }
        if (queued.get() >= settings.queueCapacity()) {
            if (!othersWaiting || drainsInTime()) {
                return Admission.HELD;
            }
            return Admission.Deferred.because(ErrorCode.OUTBOX_BUSY, "outbox " + outbox().id()
                    + " is too slow to take more mail now");
        }
        queue.add(job);
        queued.incrementAndGet();
        startWorker();
        return Admission.QUEUED;
    }

    /** Whether every send of the lane has hung for {@code stall-after} without one finishing. */
    boolean stalled() {
        return active.get() >= outbox().outbound().connections()
                && System.nanoTime() - lastProgressNanos > settings.stallAfter().toNanos();
    }

    /** Takes every queued request back, for deferral while the lane is stalled. */
    List<LaneJob> takeQueued() {
        List<LaneJob> taken = new ArrayList<>();
        for (LaneJob job = queue.poll(); job != null; job = queue.poll()) {
            queued.decrementAndGet();
            taken.add(job);
        }
        return taken;
    }

    int queued() {
        return queued.get();
    }

    long lastOfferNanos() {
        return lastOfferNanos;
    }

    int active() {
        return active.get();
    }

    /** The server rejected the outbox's login: new mail waits until the outbox is changed. */
    void loginRejected() {
        loginRejected = true;
    }

    /** Takes a changed outbox: new connections (the old ones close as they come back), a fresh login state. */
    void reconfigure(SmtpOutbox changed, RateLimiter changedLimiter) {
        SmtpOutbox old = this.smtp;
        this.smtp = changed;
        this.limiter = changedLimiter;
        this.loginRejected = false;
        old.close();
    }

    void close() {
        smtp.close();
    }

    /**
     * Whether the queue empties within {@code max-queue-wait} at the rate the lane finished sends
     * lately. A lane busy for less than a second has not shown its rate yet and is given the
     * benefit of the doubt.
     */
    private boolean drainsInTime() {
        long now = System.nanoTime();
        if (now - busySinceNanos < WARM_UP.toNanos()) {
            return true;
        }
        long elapsed = now - sampledAtNanos;
        if (elapsed > STALE_SAMPLE.toNanos()) {
            sampledAtNanos = now;
            sampledFinished = finished.get();
            return true;
        }
        if (elapsed >= Duration.ofMillis(250).toNanos()) {
            long done = finished.get();
            perSecond = (done - sampledFinished) * 1e9 / elapsed;
            sampledFinished = done;
            sampledAtNanos = now;
        }
        return perSecond * settings.maxQueueWait().toMillis() / 1000.0 >= settings.queueCapacity();
    }

    /** Starts one more worker when the lane has a connection to spare. */
    private void startWorker() {
        int running;
        do {
            running = active.get();
            if (running >= outbox().outbound().connections()) {
                return;
            }
        }
        while (!active.compareAndSet(running, running + 1));
        if (running == 0) {
            lastProgressNanos = System.nanoTime();
            busySinceNanos = lastProgressNanos;
        }
        workers.execute(this::drain);
    }

    /**
     * Sends the queued requests one after the other. The next request is prepared (claimed in the
     * delivery log) while one is sent, and the outcome of one is written while the next is sent and
     * waited for before the one after: a worker runs at most one request ahead of the delivery log,
     * so a crash leaves at most two of its requests sent but not recorded.
     */
    private void drain() {
        CompletableFuture<?> recording = CompletableFuture.completedFuture(null);
        try {
            for (Ahead current = takeNext(); current != null; ) {
                Ahead next = null;
                try {
                    Prepared prepared = current.get();
                    next = takeNext();
                    CompletableFuture<?> recorded = work.send(prepared, this);
                    recording.join();
                    recording = recorded;
                }
                catch (RuntimeException unexpected) {
                    log.error("Sending request {} through outbox {} failed unexpectedly; its record is read again "
                            + "after a restart", current.job.request().requestId(), outbox().id(), unexpected);
                }
                finally {
                    finished.incrementAndGet();
                    lastProgressNanos = System.nanoTime();
                }
                current = next != null ? next : takeNext();
            }
        }
        finally {
            recording.join();
            active.decrementAndGet();
            if (queued.get() > 0) {
                startWorker();
            }
        }
    }

    /** Takes the next queued request and starts preparing it on another thread; {@code null} when none is queued. */
    private Ahead takeNext() {
        LaneJob job = queue.poll();
        if (job == null) {
            return null;
        }
        queued.decrementAndGet();
        return new Ahead(job);
    }

    /**
     * A request prepared ahead on a thread of the pool. Whichever thread comes to it first prepares
     * it, so a pool with every thread busy never keeps a worker waiting for it.
     */
    private final class Ahead {

        private final LaneJob job;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CompletableFuture<Prepared> prepared = new CompletableFuture<>();

        Ahead(LaneJob job) {
            this.job = job;
            try {
                workers.execute(this::prepare);
            }
            catch (RejectedExecutionException shuttingDown) {
                // the worker prepares it itself
            }
        }

        Prepared get() {
            prepare();
            try {
                return prepared.join();
            }
            catch (CompletionException ex) {
                throw ex.getCause() instanceof RuntimeException failure ? failure : ex;
            }
        }

        private void prepare() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            try {
                prepared.complete(work.prepare(job, OutboxLane.this));
            }
            catch (RuntimeException | Error ex) {
                prepared.completeExceptionally(ex);
            }
        }
    }
}
