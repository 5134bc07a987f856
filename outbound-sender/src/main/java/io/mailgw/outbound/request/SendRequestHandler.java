package io.mailgw.outbound.request;

import java.time.Clock;
import java.util.Optional;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.SendMailRequested;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.delivery.Delivery;
import io.mailgw.outbound.delivery.DeliveryAttempt;
import io.mailgw.outbound.delivery.DeliveryOutcomes;
import io.mailgw.outbound.outbox.OutboxCatalog;
import io.mailgw.outbound.outbox.OutboxDecision;
import io.mailgw.outbound.outbox.OutboxResolver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Handles one record of the requests topic or a retry topic, and ends in exactly one of: the
 * request sent; a {@code RETRYING} status and {@link RetryLaterException}; a {@code FAILED} or
 * {@code REJECTED} status and {@link DeadLetterException}; or nothing, for a request that has
 * already ended or is already being retried. Every status is recorded before this returns.
 */
@Component
class SendRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(SendRequestHandler.class);

    private final RequestReader reader;
    private final OutboxCatalog catalog;
    private final OutboxResolver resolver;
    private final OutboundDelivery delivery;
    private final DeliveryOutcomes outcomes;
    private final Clock clock;
    private final String deadLetterTopic;

    SendRequestHandler(RequestReader reader, OutboxCatalog catalog, OutboxResolver resolver, OutboundDelivery delivery,
                       DeliveryOutcomes outcomes, Clock clock, GatewayTopicsProperties topics) {
        this.reader = reader;
        this.catalog = catalog;
        this.resolver = resolver;
        this.delivery = delivery;
        this.outcomes = outcomes;
        this.clock = clock;
        this.deadLetterTopic = topics.outboundRequestsDlt();
    }

    void handle(ConsumerRecord<String, String> record) {
        RecordAttempt attempt = RecordAttempt.of(record);
        RequestReading reading = reader.read(record.value());
        if (reading instanceof RequestReading.Unreadable unreadable) {
            throw rejected(unreadable, attempt);
        }
        SendMailRequested request = ((RequestReading.Readable) reading).request();
        Optional<Delivery> earlier = outcomes.earlier(request.requestId());
        if (earlier.isPresent() && alreadyHandled(earlier.get(), attempt)) {
            return;
        }
        DeliveryAttempt base = DeliveryAttempt.of(request.requestId(), request.contractId(), request.context(),
                attempt.number());
        OutboxDecision decision = resolver.resolve(request.outboxOrDefault(), catalog.candidatesFor(request));
        delivery.deliver(request, base, decision, earlier.map(Delivery::messageId).orElse(null), attempt);
    }

    /** Records {@code REJECTED} when the record names a request, and returns what sends it to the DLT. */
    private DeadLetterException rejected(RequestReading.Unreadable unreadable, RecordAttempt attempt) {
        if (unreadable.requestId() != null) {
            DeliveryAttempt base = DeliveryAttempt.of(unreadable.requestId(), unreadable.contractId(),
                    unreadable.context(), attempt.number());
            outcomes.record(base.notSent(Status.REJECTED,
                    new DeliveryStatus.Error(unreadable.code(), unreadable.message(), false), clock.instant()),
                    attempt.origin());
        }
        log.warn("Rejected record {} (request {}): {}; it goes to {}", attempt.origin(),
                unreadable.requestId() == null ? "without a readable requestId" : unreadable.requestId(),
                unreadable.message(), deadLetterTopic);
        return new DeadLetterException(unreadable.code(), unreadable.message());
    }

    /**
     * Whether a request seen before needs nothing more from this record. A record delivered again
     * after a crash finishes what it started (publishing a pending status, or the dead-lettering);
     * a duplicate of an ended request, or of one already in the retry topics, is dropped.
     */
    private boolean alreadyHandled(Delivery earlier, RecordAttempt attempt) {
        boolean redelivered = attempt.origin().equals(earlier.origin());
        if (earlier.isFinal()) {
            outcomes.publishIfPending(earlier);
            if (redelivered && earlier.status() != Status.SENT) {
                throw new DeadLetterException(earlier.errorCode(), earlier.errorMessage());
            }
            log.info("Request {} already ended {}; record {} is {} and is dropped", earlier.requestId(),
                    earlier.status(), attempt.origin(), redelivered ? "delivered again" : "a duplicate");
            return true;
        }
        if (earlier.status() == Status.RETRYING && attempt.number() == 1 && !redelivered) {
            log.info("Request {} is already waiting in a retry topic (attempt {}); record {} is a duplicate and is dropped",
                    earlier.requestId(), earlier.attempt(), attempt.origin());
            return true;
        }
        return false;
    }
}
