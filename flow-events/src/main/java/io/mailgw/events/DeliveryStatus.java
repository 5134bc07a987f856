package io.mailgw.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one send request ({@code mail.outbound.status}, keyed by {@code requestId}).
 * Every request ends in exactly one of {@code SENT}, {@code FAILED} or {@code REJECTED};
 * {@code RETRYING} may come before.
 *
 * @param outboxResolutionReason why the default outbox was used instead of the contract's
 *                               ({@code DEFAULT_FALLBACK} only), else {@code null}
 * @param nextAttemptAt          when a {@code RETRYING} request is tried next, else {@code null}
 * @param possibleDuplicate      {@code true} when the request was found mid-send after a crash and sent
 *                               again with the same {@code messageId}, else {@code null}
 * @param recipients             one outcome per recipient when they did not all end alike (partial
 *                               sending), else {@code null}
 */
public record DeliveryStatus(
        String requestId,
        String contractId,
        Status status,
        String outboxMailboxId,
        OutboxResolution outboxResolution,
        String outboxResolutionReason,
        int attempt,
        String messageId,
        String smtpReply,
        Error error,
        Map<String, String> context,
        Instant at,
        Instant nextAttemptAt,
        Boolean possibleDuplicate,
        List<RecipientStatus> recipients) {

    /** A status without the fields added after the first version of the event. */
    public DeliveryStatus(String requestId, String contractId, Status status, String outboxMailboxId,
                          OutboxResolution outboxResolution, String outboxResolutionReason, int attempt,
                          String messageId, String smtpReply, Error error, Map<String, String> context, Instant at) {
        this(requestId, contractId, status, outboxMailboxId, outboxResolution, outboxResolutionReason, attempt,
                messageId, smtpReply, error, context, at, null, null, null);
    }

    public DeliveryStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if ((status == Status.SENT) != (error == null)) {
            throw new IllegalArgumentException("error is required unless SENT, and absent when SENT");
        }
        context = context == null ? Map.of() : Map.copyOf(context);
        recipients = recipients == null ? null : List.copyOf(recipients);
    }

    public enum Status {
        SENT,
        RETRYING,
        FAILED,
        REJECTED;

        public boolean isFinal() {
            return this != RETRYING;
        }
    }

    /** How the outbox was chosen (CONTRACT §2). */
    public enum OutboxResolution {
        DEFAULT,
        CONTRACT,
        DEFAULT_FALLBACK
    }

    /**
     * What became of one recipient when not all of a request's recipients ended alike.
     *
     * @param status    {@code SENT}, {@code RETRYING} (a temporary refusal, tried again) or {@code FAILED}
     * @param smtpReply the server's reply to this recipient, when one was received
     */
    public record RecipientStatus(String address, Status status, String smtpReply) {

        public RecipientStatus {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Why a request is not (yet) sent. */
    public record Error(String code, String message, boolean retryable) {

        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
