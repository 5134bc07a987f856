package io.mailgw.config.delivery;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.delivery.DeliveryStep;

/**
 * One request of the delivery log as the API shows it: what an operator needs to follow a request
 * (its contract, outbox, state, attempts, last SMTP reply and error) and nothing else. No body, no
 * address (the recipients only as a count), no secret, not the sender's ticket or stored status event.
 *
 * @param status         the state's name, as in the ledger
 * @param error          the last failure, {@code null} when there is none
 * @param recipientCount    recipients in to, cc and bcc; left out when the request was never read as one
 * @param possibleDuplicate sent again after a crash mid-send, with the same Message-ID; left out when not known
 * @param nextAttemptAt  when a {@code RETRYING} request is tried next; left out when not set
 * @param attempts       the history, oldest first; only on {@code GET /api/v1/deliveries/{requestId}}
 */
record DeliveryView(
        String requestId,
        String contractId,
        String outboxMailboxId,
        String outboxResolution,
        DeliveryState status,
        int attempt,
        String smtpReply,
        Error error,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer recipientCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean possibleDuplicate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextAttemptAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Attempt> attempts) {

    static DeliveryView summary(DeliveryRecord record) {
        return of(record, null);
    }

    static DeliveryView withAttempts(DeliveryRecord record) {
        return of(record, record.steps().stream().map(Attempt::of).toList());
    }

    private static DeliveryView of(DeliveryRecord record, List<Attempt> attempts) {
        return new DeliveryView(record.requestId(), record.contractId(), record.outboxMailboxId(),
                record.outboxResolution(), record.state(), record.attempt(), record.smtpReply(),
                Error.of(record.errorCode(), record.errorMessage()), record.createdAt(), record.updatedAt(),
                record.recipientCount(), record.possibleDuplicate(), record.nextAttemptAt(), attempts);
    }

    /** A failure: its stable code (such as {@code SMTP_PERMANENT_FAILURE}) and the words for it. */
    record Error(String code, String message) {

        static Error of(String code, String message) {
            return code == null && message == null ? null : new Error(code, message);
        }
    }

    /** One state change of the request's history. */
    record Attempt(int attempt, DeliveryState status, Instant at, String outboxMailboxId, String smtpReply,
            Error error) {

        static Attempt of(DeliveryStep step) {
            return new Attempt(step.attempt(), step.state(), step.at(), step.outboxMailboxId(), step.smtpReply(),
                    Error.of(step.errorCode(), step.errorMessage()));
        }
    }
}
