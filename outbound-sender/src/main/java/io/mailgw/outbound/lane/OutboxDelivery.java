package io.mailgw.outbound.lane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.delivery.AttemptDetails;
import io.mailgw.outbound.delivery.DeliveryLedger;
import io.mailgw.outbound.delivery.DeliveryLedger.Claim;
import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.delivery.InfrastructureRetries;
import io.mailgw.outbound.delivery.OutcomeRecorder;
import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.outbound.smtp.InvalidMessageException;
import io.mailgw.outbound.smtp.SendReport;
import io.mailgw.outbound.smtp.SmtpMessageFactory;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

/**
 * What a lane's worker does with one request, in two steps. First (while the request before it is
 * being sent) write the message and claim the request in the delivery log ({@code SENDING}, before
 * DATA). Then take a permit of the outbox's rate limiter and circuit breaker (or defer without
 * using an attempt), send to the recipients not yet served, and hand the verdict to the
 * {@link OutcomeRecorder}, which writes it while the worker goes on to its next request.
 */
@Component
class OutboxDelivery implements OutboxLane.Work {

    private static final CompletableFuture<?> NOTHING_TO_RECORD = CompletableFuture.completedFuture(null);

    private final DeliveryLedger ledger;
    private final OutcomeRecorder outcomes;
    private final InfrastructureRetries infrastructure;
    private final SmtpMessageFactory messages;
    private final OutboxHealth health;

    OutboxDelivery(DeliveryLedger ledger, OutcomeRecorder outcomes, InfrastructureRetries infrastructure,
                   SmtpMessageFactory messages, OutboxHealth health) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.infrastructure = infrastructure;
        this.messages = messages;
        this.health = health;
    }

    /** Writes the message and claims the request in the delivery log; may wait on MongoDB. */
    @Override
    public OutboxLane.Prepared prepare(LaneJob job, OutboxLane lane) {
        InFlightRequest request = job.request();
        if (!request.owned()) {
            request.finish();
            return new Done(NOTHING_TO_RECORD);
        }
        Mailbox outbox = lane.outbox();
        String messageId = SmtpMessageFactory.messageIdFor(request.requestId(), outbox.outbound().fromAddress());
        MimeMessage message;
        List<InternetAddress> recipients;
        try {
            message = messages.build(request.request(), outbox, messageId);
            recipients = recipientsOf(message);
        }
        catch (InvalidMessageException ex) {
            return new Done(outcomes.recordAttempt(request, job.details(), false,
                    DeliveryOutcome.End.rejected(ErrorCode.INVALID_REQUEST, ex.field() + ": " + ex.getMessage())));
        }
        Claim claim = infrastructure.ledgerWrites().executeSupplier(() -> ledger.claim(request, outbox.id(),
                job.details().resolution().name(), messageId, recipients.size()));
        if (claim instanceof Claim.Ended ended) {
            outcomes.ended(request, ended.record());
            return new Done(NOTHING_TO_RECORD);
        }
        if (claim instanceof Claim.Taken taken) {
            outcomes.dropped(request, "request " + request.requestId() + " is " + taken.record().state()
                    + " through record " + taken.record().origin());
            return new Done(NOTHING_TO_RECORD);
        }
        Claim.Granted granted = (Claim.Granted) claim;
        if (!granted.messageId().equals(messageId)) {
            message = rebuild(request, outbox, granted.messageId(), message);
        }
        AttemptDetails details = job.details().claimed(granted.messageId(), granted.possibleDuplicate(),
                granted.acceptedRecipients());
        List<InternetAddress> open = recipients.stream()
                .filter(address -> !granted.acceptedRecipients().contains(address.getAddress())).toList();
        return new Claimed(request, outbox, details, message, open, granted.acceptedRecipients());
    }

    /**
     * Takes a permit of the outbox's rate limiter and circuit breaker (or defers the claimed request
     * without using an attempt), sends, and hands the verdict to the {@link OutcomeRecorder}.
     */
    @Override
    public CompletableFuture<?> send(OutboxLane.Prepared prepared, OutboxLane lane) {
        if (prepared instanceof Done done) {
            return done.recorded();
        }
        Claimed claimed = (Claimed) prepared;
        Mailbox outbox = claimed.outbox();
        RateLimiter limiter = lane.limiter();
        if (limiter != null && !limiter.acquirePermission()) {
            return outcomes.recordAttempt(claimed.request(), claimed.details(), true, new DeliveryOutcome.Defer(
                    ErrorCode.OUTBOX_RATE_LIMITED, "outbox " + outbox.id() + " reached its "
                            + outbox.outbound().maxPerMinute() + " messages per minute", false));
        }
        CircuitBreaker breaker = lane.breaker();
        if (!breaker.tryAcquirePermission()) {
            return outcomes.recordAttempt(claimed.request(), claimed.details(), true, new DeliveryOutcome.Defer(
                    ErrorCode.OUTBOX_CIRCUIT_OPEN, "outbox " + outbox.id() + " failed too often lately (circuit open)",
                    false));
        }
        long started = System.nanoTime();
        SendReport report;
        try {
            report = lane.smtp().send(claimed.message(), claimed.recipients());
        }
        catch (RuntimeException | Error ex) {
            breaker.releasePermission();
            throw ex;
        }
        judge(breaker, lane, outbox, report, Duration.ofNanos(System.nanoTime() - started));
        return outcomes.recordAttempt(claimed.request(), claimed.details(), true,
                SendVerdict.of(report, claimed.accepted()));
    }

    private void judge(CircuitBreaker breaker, OutboxLane lane, Mailbox outbox, SendReport report, Duration took) {
        if (report.failed() && report.failure().isOutboxFault()) {
            breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new OutboxFault(report.failure().reason()));
            health.failed(outbox.id(), report.failure().outboxState(), "Sending through " + outbox.describe()
                    + " failed (" + report.failure().reason() + ")");
            if (report.failure().isLoginRejected()) {
                lane.loginRejected();
            }
        }
        else {
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
            if (!report.accepted().isEmpty()) {
                health.sent(outbox.id());
            }
        }
    }

    private MimeMessage rebuild(InFlightRequest request, Mailbox outbox, String messageId, MimeMessage built) {
        try {
            return messages.build(request.request(), outbox, messageId);
        }
        catch (InvalidMessageException ex) {
            return built;
        }
    }

    private static List<InternetAddress> recipientsOf(MimeMessage message) throws InvalidMessageException {
        try {
            List<InternetAddress> recipients = new ArrayList<>();
            for (Address address : message.getAllRecipients()) {
                recipients.add((InternetAddress) address);
            }
            return recipients;
        }
        catch (MessagingException ex) {
            throw new InvalidMessageException("to", "the recipients cannot be read back: " + ex.getMessage(), ex);
        }
    }

    /** A request that got nothing to send: its outcome is recorded already (or there is none). */
    private record Done(CompletableFuture<?> recorded) implements OutboxLane.Prepared {
    }

    /**
     * A request claimed in the delivery log ({@code SENDING}) and ready to send.
     *
     * @param recipients the envelope recipients not served yet
     * @param accepted   the recipients an earlier attempt served
     */
    private record Claimed(InFlightRequest request, Mailbox outbox, AttemptDetails details, MimeMessage message,
                           List<InternetAddress> recipients, List<String> accepted) implements OutboxLane.Prepared {
    }

    /** An outbox's failure as the circuit breaker counts it; no stack trace is needed. */
    static final class OutboxFault extends Exception {

        OutboxFault(String reason) {
            super(reason, null, false, false);
        }
    }
}
