package io.mailgw.outbound.request;

import java.time.Clock;
import java.time.Duration;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.SendMailRequested;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.delivery.DeliveryAttempt;
import io.mailgw.outbound.delivery.DeliveryOutcomes;
import io.mailgw.outbound.outbox.OutboxDecision;
import io.mailgw.outbound.smtp.SendOutcome;
import io.mailgw.outbound.smtp.SmtpFailure;
import io.mailgw.outbound.smtp.SmtpMailSender;
import io.mailgw.outbound.smtp.SmtpMessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends a request through the outbox that resolution chose and records the outcome. A transient
 * failure (no usable outbox, SMTP 4xx, unreachable server) is {@code RETRYING} while retry
 * topics remain and {@code FAILED} after the last; a permanent one is {@code FAILED} at once.
 */
@Component
class OutboundDelivery {

    static final String NO_OUTBOX = "NO_OUTBOX";
    static final String UNKNOWN_CONTRACT = "UNKNOWN_CONTRACT";

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    private final SmtpMailSender sender;
    private final DeliveryOutcomes outcomes;
    private final OutboundProperties.Retry retry;
    private final Clock clock;
    private final String deadLetterTopic;

    OutboundDelivery(SmtpMailSender sender, DeliveryOutcomes outcomes, OutboundProperties properties, Clock clock,
                     GatewayTopicsProperties topics) {
        this.sender = sender;
        this.outcomes = outcomes;
        this.retry = properties.retry();
        this.clock = clock;
        this.deadLetterTopic = topics.outboundRequestsDlt();
    }

    /**
     * @param earlierMessageId the Message-ID an earlier attempt used, kept so that retries carry the same
     */
    void deliver(SendMailRequested request, DeliveryAttempt base, OutboxDecision decision, String earlierMessageId,
                 RecordAttempt attempt) {
        if (decision instanceof OutboxDecision.UnknownContract unknown) {
            end(base.notSent(Status.REJECTED, new DeliveryStatus.Error(UNKNOWN_CONTRACT, unknown.reason(), false),
                    clock.instant()), attempt);
            return;
        }
        if (decision instanceof OutboxDecision.NoOutbox none) {
            DeliveryAttempt unresolved = base.resolved(null, none.resolution(), null, earlierMessageId);
            retryOrFail(unresolved, new DeliveryStatus.Error(NO_OUTBOX, none.reason(), true), attempt);
            return;
        }
        OutboxDecision.Use use = (OutboxDecision.Use) decision;
        Mailbox outbox = use.outbox();
        String messageId = earlierMessageId != null ? earlierMessageId
                : SmtpMessageFactory.messageIdFor(request.requestId(), outbox.outbound().fromAddress());
        DeliveryAttempt resolved = base.resolved(outbox.id(), use.resolution(), use.reason(), messageId);
        SendOutcome outcome = sender.send(request, outbox, messageId);
        if (outcome instanceof SendOutcome.Sent sent) {
            recordSent(resolved, sent, outbox, attempt);
        }
        else if (outcome instanceof SendOutcome.Invalid invalid) {
            end(resolved.notSent(Status.REJECTED, new DeliveryStatus.Error(RequestReader.INVALID_REQUEST,
                    invalid.field() + ": " + invalid.message(), false), clock.instant()), attempt);
        }
        else {
            failed(resolved, ((SendOutcome.Failed) outcome).failure(), outbox, attempt);
        }
    }

    private void recordSent(DeliveryAttempt resolved, SendOutcome.Sent sent, Mailbox outbox, RecordAttempt attempt) {
        if (!outcomes.record(resolved.sent(sent.reply(), clock.instant()), attempt.origin())) {
            log.warn("Request {} was sent through {} although another copy had already ended it", resolved.requestId(),
                    outbox.describe());
            return;
        }
        log.info("Sent request {} through {} (outbox {}, {}{}): {}", resolved.requestId(), outbox.describe(),
                outbox.id(), resolved.resolution(), resolved.resolutionReason() == null ? ""
                        : " because " + resolved.resolutionReason(), sent.reply());
    }

    private void failed(DeliveryAttempt resolved, SmtpFailure failure, Mailbox outbox, RecordAttempt attempt) {
        String reason = "sending through " + outbox.describe() + " failed (" + failure.reason() + ")";
        DeliveryStatus.Error error = new DeliveryStatus.Error(failure.code(), reason, failure.retryable());
        if (failure.retryable()) {
            retryOrFail(resolved, error, attempt);
        }
        else {
            end(resolved.notSent(Status.FAILED, error, clock.instant()), attempt);
        }
    }

    private void retryOrFail(DeliveryAttempt resolved, DeliveryStatus.Error error, RecordAttempt attempt) {
        if (attempt.number() >= retry.maxAttempts()) {
            DeliveryStatus.Error last = new DeliveryStatus.Error(error.code(), error.message() + "; gave up after "
                    + attempt.number() + " attempts", error.retryable());
            end(resolved.notSent(Status.FAILED, last, clock.instant()), attempt);
            return;
        }
        if (!outcomes.record(resolved.notSent(Status.RETRYING, error, clock.instant()), attempt.origin())) {
            return;
        }
        Duration delay = retry.delayAfter(attempt.number());
        log.warn("Request {}: {}; attempt {} of {}, next try in {}", resolved.requestId(), error.message(),
                attempt.number(), retry.maxAttempts(), readable(delay));
        throw new RetryLaterException(error.code(), error.message());
    }

    private void end(DeliveryStatus status, RecordAttempt attempt) {
        if (!outcomes.record(status, attempt.origin())) {
            return;
        }
        log.warn("Request {} is {}: {}; it goes to {}", status.requestId(), status.status(), status.error().message(),
                deadLetterTopic);
        throw new DeadLetterException(status.error().code(), status.error().message());
    }

    private static String readable(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms";
    }
}
