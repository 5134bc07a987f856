package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.EventJson;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.delivery.DeliveryMetrics.Outcome;
import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.outbound.retry.DelayTopics;
import io.mailgw.outbound.retry.RecordForwarder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

import org.springframework.stereotype.Component;

/**
 * The one place that records what became of an attempt and acts on it, in the order the
 * guarantees need: the delivery log first (retried while MongoDB is away, never dropped), then the
 * status event and the record's move to a delay topic or the dead-letter topic, both sent at once
 * and acknowledged asynchronously (re-sent until Kafka takes them); only then may the record's
 * offset move. A crash in between leaves a log entry that the record's redelivery finishes.
 */
@Component
public class OutcomeRecorder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    /**
     * Threads that write the outcomes of lanes' attempts ({@link #recordAttempt}): each holds one
     * MongoDB round trip at a time, so a lane's worker goes on to its next message meanwhile.
     */
    private static final int ATTEMPT_THREADS = 8;
    /** Threads that write the intake's decisions ({@link #recordDecision}): rejections and deferrals. */
    private static final int DECISION_THREADS = 4;
    private static final Duration DRAIN_ON_SHUTDOWN = Duration.ofSeconds(10);
    /** Reasons to defer that tend to last (an outage): each deferral in a row waits in the next longer delay topic. */
    private static final Set<ErrorCode> LASTING = EnumSet.of(ErrorCode.OUTBOX_NOT_ANSWERING,
            ErrorCode.OUTBOX_CIRCUIT_OPEN);

    private final DeliveryLedger ledger;
    private final StatusPublisher statuses;
    private final RecordForwarder forwarder;
    private final DelayTopics delayTopics;
    private final OutboundProperties.Retry retry;
    private final DeliveryMetrics metrics;
    private final InfrastructureRetries infrastructure;
    private final Clock clock;
    private final ExecutorService attempts;
    private final ExecutorService decisions;

    OutcomeRecorder(DeliveryLedger ledger, StatusPublisher statuses, RecordForwarder forwarder, DelayTopics delayTopics,
                    OutboundProperties properties, DeliveryMetrics metrics, InfrastructureRetries infrastructure,
                    Clock clock) {
        this.ledger = ledger;
        this.statuses = statuses;
        this.forwarder = forwarder;
        this.delayTopics = delayTopics;
        this.retry = properties.retry();
        this.metrics = metrics;
        this.infrastructure = infrastructure;
        this.clock = clock;
        this.attempts = recordingThreads(ATTEMPT_THREADS, "outbound-record-");
        this.decisions = recordingThreads(DECISION_THREADS, "outbound-decide-");
    }

    /**
     * Records the outcome of a lane's attempt as {@link #record} does, on the attempt threads.
     *
     * @return completes when the outcome is written (never exceptionally: a failure is logged, and
     *         the request, not finished, is read again after a restart)
     */
    public CompletableFuture<Void> recordAttempt(InFlightRequest request, AttemptDetails details, boolean claimed,
                                                 DeliveryOutcome outcome) {
        return recordOn(attempts, request, details, claimed, outcome);
    }

    /**
     * Records a decision taken without sending (a rejection, a deferral) as {@link #record} does, on
     * threads of their own: a burst of deferrals never holds up the lanes, which wait for their own
     * records before sending on.
     */
    public void recordDecision(InFlightRequest request, AttemptDetails details, DeliveryOutcome outcome) {
        recordOn(decisions, request, details, false, outcome);
    }

    /**
     * The queues need no bound of their own: a request stays in flight until recorded, and the
     * intake bounds what is in flight. While the sender shuts down, the caller's thread records.
     */
    private CompletableFuture<Void> recordOn(ExecutorService threads, InFlightRequest request, AttemptDetails details,
                                             boolean claimed, DeliveryOutcome outcome) {
        Runnable write = () -> record(request, details, claimed, outcome);
        try {
            return CompletableFuture.runAsync(write, threads).exceptionally(failure -> {
                log.error("Recording the outcome of request {} (record {}) failed; the record is read again after "
                        + "a restart", request.requestId(), request.attempt().origin(), failure);
                return null;
            });
        }
        catch (RejectedExecutionException shuttingDown) {
            write.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    private static ExecutorService recordingThreads(int count, String namePrefix) {
        AtomicInteger started = new AtomicInteger();
        return new ThreadPoolExecutor(count, count, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, namePrefix + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Records {@code outcome} on the caller's thread (MongoDB) and lets the request's offset move once
     * Kafka acknowledged what it implies.
     *
     * @param claimed whether the attempt claimed the request ({@code SENDING}) before sending
     */
    public void record(InFlightRequest request, AttemptDetails details, boolean claimed, DeliveryOutcome outcome) {
        Plan plan = plan(request, details, outcome, clock.instant());
        if (request.requestId() == null) {
            log.warn("Rejected record {} without a readable requestId: {}; it goes to the dead-letter topic",
                    request.attempt().origin(), plan.status().error().message());
            whenAcked(request, List.of(plan.forward()));
            return;
        }
        String json = EventJson.write(plan.status());
        Retry writes = infrastructure.ledgerWrites();
        boolean written = writes.executeSupplier(() -> ledger.record(request, claimed, plan.status(), json,
                plan.ticket(), plan.accepted()));
        if (!written) {
            Optional<DeliveryRecord> current = ledger.find(request.requestId());
            if (current.isPresent() && current.get().isFinal()) {
                ended(request, current.get());
                return;
            }
            log.info("Request {}: record {} found the request carried on by another record; its {} is dropped",
                    request.requestId(), request.attempt().origin(), plan.status().status());
            request.finish();
            return;
        }
        count(plan, request);
        describe(request, plan);
        Supplier<CompletableFuture<?>> status = () -> statuses.publish(request.requestId(), plan.status().attempt(),
                plan.status().status(), json, plan.status().at());
        whenAcked(request, plan.forward() == null ? List.of(status) : List.of(status, plan.forward()));
    }

    /**
     * A request that had already ended. Its own record delivered again (a crash came between its end
     * and its commit) publishes the last status again, in case the crash kept it from Kafka; a copy
     * from another record is only dropped.
     */
    public void ended(InFlightRequest request, DeliveryRecord ended) {
        boolean redelivered = request.attempt().origin().equals(ended.origin());
        log.info("Request {} already ended {}; record {} ({}) is dropped", ended.requestId(), ended.state(),
                request.attempt().origin(), redelivered ? "delivered again" : "a copy");
        if (!redelivered || ended.statusJson() == null) {
            request.finish();
            return;
        }
        DeliveryStatus last = EventJson.read(ended.statusJson(), DeliveryStatus.class);
        Supplier<CompletableFuture<?>> status = () -> statuses.publish(last.requestId(), last.attempt(), last.status(),
                ended.statusJson(), last.at());
        if (last.status() == Status.SENT || last.error() == null) {
            whenAcked(request, List.of(status));
            return;
        }
        ErrorCode code = ErrorCode.valueOf(last.error().code());
        whenAcked(request, List.of(status, () -> forwarder.deadLetter(request, code, last.error().message(),
                last.outboxMailboxId())));
    }

    /** Nothing to record for this record, such as a copy of a request another record carries on. */
    public void dropped(InFlightRequest request, String why) {
        log.info("Record {} of request {} is dropped: {}", request.attempt().origin(), request.requestId(), why);
        request.finish();
    }

    private Plan plan(InFlightRequest request, AttemptDetails details, DeliveryOutcome outcome, Instant now) {
        StatusFactory status = new StatusFactory(request, details, now);
        int attempt = request.attempt().number();
        if (outcome instanceof DeliveryOutcome.Sent sent) {
            return Plan.of(status.sent(sent.smtpReply(), sent.recipients()), null, sent.acceptedRecipients(), null);
        }
        if (outcome instanceof DeliveryOutcome.RetryLater later) {
            if (attempt >= retry.maxAttempts()) {
                return end(request, details, status.failed(later.code(), later.message() + "; gave up after " + attempt
                        + " attempts", true, later.recipients()), later.acceptedRecipients());
            }
            String topic = delayTopics.beforeAttempt(attempt + 1);
            return delay(request, details, status, later.code(), later.message(), later.recipients(),
                    later.acceptedRecipients(), topic, attempt + 1, 0, null);
        }
        if (outcome instanceof DeliveryOutcome.Defer defer) {
            return deferral(request, details, status, defer, now);
        }
        DeliveryOutcome.End end = (DeliveryOutcome.End) outcome;
        DeliveryStatus.Error error = new DeliveryStatus.Error(end.code().name(), end.message(), false);
        return end(request, details, status.notSent(end.status(), error, end.recipients()), details.acceptedRecipients());
    }

    private Plan deferral(InFlightRequest request, AttemptDetails details, StatusFactory status,
                          DeliveryOutcome.Defer defer, Instant now) {
        int deferrals = request.attempt().deferrals();
        if (!defer.untilAdminFix()) {
            boolean lasts = LASTING.contains(defer.code());
            String topic = lasts ? delayTopics.afterDeferrals(deferrals) : delayTopics.shortest();
            return delay(request, details, status, defer.code(), defer.message(), null, details.acceptedRecipients(),
                    topic, request.attempt().number(), lasts ? deferrals + 1 : 0, null);
        }
        Instant since = request.attempt().waitingSince() != null ? request.attempt().waitingSince() : now;
        if (!now.isBefore(since.plus(retry.authFailedMaxWait()))) {
            return end(request, details, status.failed(defer.code(), defer.message() + "; waited "
                    + retry.authFailedMaxWait().toHours() + " h for an admin to fix the outbox", false, null),
                    details.acceptedRecipients());
        }
        return delay(request, details, status, defer.code(), defer.message(), null, details.acceptedRecipients(),
                delayTopics.longest(), request.attempt().number(), 0, since);
    }

    private Plan delay(InFlightRequest request, AttemptDetails details, StatusFactory status, ErrorCode code,
                       String message, List<DeliveryStatus.RecipientStatus> recipients, List<String> accepted,
                       String topic, int nextAttempt, int deferrals, Instant waitingSince) {
        Instant due = status.at().plus(delayTopics.delayOf(topic));
        String ticket = UUID.randomUUID().toString();
        DeliveryStatus retrying = status.retrying(code, message, due, recipients);
        return Plan.of(retrying, () -> forwarder.delay(request, topic, due, nextAttempt, deferrals, ticket,
                details.outboxMailboxId(), waitingSince), accepted, ticket);
    }

    private Plan end(InFlightRequest request, AttemptDetails details, DeliveryStatus status, List<String> accepted) {
        ErrorCode code = ErrorCode.valueOf(status.error().code());
        return Plan.of(status, () -> forwarder.deadLetter(request, code, status.error().message(),
                details.outboxMailboxId()), accepted, null);
    }

    /** Lets the offset move once every action is acknowledged; an action Kafka refused is sent again after a pause. */
    private void whenAcked(InFlightRequest request, List<Supplier<CompletableFuture<?>>> actions) {
        CompletableFuture.allOf(actions.stream().map(infrastructure::untilAcked).toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> request.finish());
    }

    private void count(Plan plan, InFlightRequest request) {
        DeliveryStatus status = plan.status();
        Outcome outcome = switch (status.status()) {
            case SENT -> Outcome.SENT;
            case FAILED -> Outcome.FAILED;
            case REJECTED -> Outcome.REJECTED;
            case RETRYING -> isDeferral(status, request) ? Outcome.DEFERRED : Outcome.RETRYING;
        };
        metrics.count(outcome, status.outboxResolution());
        if (status.status() == Status.SENT) {
            metrics.sent(Duration.between(Instant.ofEpochMilli(request.record().timestamp()), status.at()));
        }
    }

    private static boolean isDeferral(DeliveryStatus status, InFlightRequest request) {
        return status.error() != null && (status.error().code().startsWith("OUTBOX_")
                || status.error().code().equals(ErrorCode.SMTP_AUTH_FAILED.name()));
    }

    private static void describe(InFlightRequest request, Plan plan) {
        DeliveryStatus status = plan.status();
        if (status.status() == Status.SENT) {
            log.info("Sent request {} through outbox {} ({}{}): {}", status.requestId(), status.outboxMailboxId(),
                    status.outboxResolution(), status.outboxResolutionReason() == null ? ""
                            : " because " + status.outboxResolutionReason(), status.smtpReply());
        }
        else if (status.status() == Status.RETRYING) {
            log.warn("Request {}: {} ({}); attempt {}, next try at {}", status.requestId(), status.error().message(),
                    status.error().code(), status.attempt(), status.nextAttemptAt());
        }
        else {
            log.warn("Request {} is {}: {} ({}); record {} goes to the dead-letter topic", status.requestId(),
                    status.status(), status.error().message(), status.error().code(), request.attempt().origin());
        }
    }

    /**
     * @param forward the record's move (a delay topic or the dead-letter topic), or {@code null}
     * @param ticket  the ticket the forwarded record carries, or {@code null}
     */
    private record Plan(DeliveryStatus status, Supplier<CompletableFuture<?>> forward, List<String> accepted,
                        String ticket) {

        static Plan of(DeliveryStatus status, Supplier<CompletableFuture<?>> forward, List<String> accepted,
                       String ticket) {
            return new Plan(status, forward, accepted == null ? List.of() : accepted, ticket);
        }
    }

    /** Writes what was handed over before the shutdown, for at most {@code DRAIN_ON_SHUTDOWN} in all. */
    @Override
    public void destroy() throws InterruptedException {
        decisions.shutdown();
        attempts.shutdown();
        long deadline = System.nanoTime() + DRAIN_ON_SHUTDOWN.toNanos();
        for (ExecutorService threads : List.of(decisions, attempts)) {
            if (!threads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("{} outcomes were not recorded before the shutdown; their requests are read again at the "
                        + "next start", threads.shutdownNow().size());
            }
        }
    }
}
