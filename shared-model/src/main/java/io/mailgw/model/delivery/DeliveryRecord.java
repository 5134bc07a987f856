package io.mailgw.model.delivery;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The delivery log's record of one send request, keyed by {@code requestId} (the idempotency key,
 * so unique). The sender changes it with one atomic write per state change, conditional on the
 * request's state and holder (several requests' writes may share one command; such a batched
 * update also sets {@code writeMark}, the batch's id, not mapped here); it never holds a message
 * body, and recipients only as far as partial sending needs them.
 *
 * @param outboxResolution   {@code DEFAULT}, {@code CONTRACT} or {@code DEFAULT_FALLBACK}, once resolved
 * @param attempt            the current or last attempt, 1 for the first
 * @param messageId          the gateway Message-ID, the same for every attempt
 * @param recipientCount     recipients in to, cc and bcc, once the request was written as a message
 * @param possibleDuplicate  {@code true} when the request was found mid-send after a crash and sent again
 * @param acceptedRecipients recipients a server already accepted, never sent to again
 * @param origin             {@code topic-partition@offset} of the record that made the last change,
 *                           to tell a redelivery of that record from a duplicate
 * @param ticket             the id a retry, deferred or re-driven record carries to continue the request
 * @param nextAttemptAt      when a {@code RETRYING} request is tried next
 * @param statusJson         the last {@code DeliveryStatus} event as published, to publish again after a crash
 * @param steps              the history, newest last, at most {@link #MAX_STEPS}
 */
@Document(DeliveryRecord.COLLECTION)
public record DeliveryRecord(
        @Id String requestId,
        String contractId,
        String outboxMailboxId,
        String outboxResolution,
        DeliveryState state,
        int attempt,
        String messageId,
        String smtpReply,
        String errorCode,
        String errorMessage,
        Integer recipientCount,
        List<String> acceptedRecipients,
        Boolean possibleDuplicate,
        String origin,
        String ticket,
        Instant nextAttemptAt,
        String statusJson,
        List<DeliveryStep> steps,
        Instant createdAt,
        Instant updatedAt) {

    public static final String COLLECTION = "deliveries";
    public static final int MAX_STEPS = 50;

    public DeliveryRecord {
        acceptedRecipients = acceptedRecipients == null ? List.of() : List.copyOf(acceptedRecipients);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public boolean isFinal() {
        return state != null && state.isFinal();
    }
}
