package io.mailgw.outbound.delivery;

import java.time.Instant;
import java.util.Map;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.DeliveryStatus.Status;

/**
 * What is known about one attempt at a request, from which its status events are made.
 *
 * @param number          1 for the first attempt, then one more per retry topic
 * @param outboxMailboxId the outbox chosen, or {@code null} before (or without) one
 * @param messageId       the gateway Message-ID, once an outbox gives it a domain
 */
public record DeliveryAttempt(
        String requestId,
        String contractId,
        Map<String, String> context,
        int number,
        String outboxMailboxId,
        OutboxResolution resolution,
        String resolutionReason,
        String messageId) {

    public DeliveryAttempt {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public static DeliveryAttempt of(String requestId, String contractId, Map<String, String> context, int number) {
        return new DeliveryAttempt(requestId, contractId, context, number, null, null, null, null);
    }

    /** The same attempt, resolved to an outbox (or only to a resolution when no outbox is usable). */
    public DeliveryAttempt resolved(String outboxId, OutboxResolution how, String reason, String gatewayMessageId) {
        return new DeliveryAttempt(requestId, contractId, context, number, outboxId, how, reason, gatewayMessageId);
    }

    public DeliveryStatus sent(String smtpReply, Instant at) {
        return new DeliveryStatus(requestId, contractId, Status.SENT, outboxMailboxId, resolution, resolutionReason,
                number, messageId, smtpReply, null, context, at);
    }

    /** A {@code RETRYING}, {@code FAILED} or {@code REJECTED} status. */
    public DeliveryStatus notSent(Status status, DeliveryStatus.Error error, Instant at) {
        return new DeliveryStatus(requestId, contractId, status, outboxMailboxId, resolution, resolutionReason,
                number, messageId, null, error, context, at);
    }
}
