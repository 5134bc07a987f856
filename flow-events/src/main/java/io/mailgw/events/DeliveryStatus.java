package io.mailgw.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one send request ({@code mail.outbound.status}, keyed by {@code requestId}).
 * Every request ends in exactly one of {@code SENT}, {@code FAILED} or {@code REJECTED};
 * {@code RETRYING} may come before.
 *
 * @param outboxResolutionReason why the default outbox was used instead of the contract's
 *                               ({@code DEFAULT_FALLBACK} only), else {@code null}
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
        Instant at) {

    public DeliveryStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if ((status == Status.SENT) != (error == null)) {
            throw new IllegalArgumentException("error is required unless SENT, and absent when SENT");
        }
        context = context == null ? Map.of() : Map.copyOf(context);
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

    /** Why a request is not (yet) sent. */
    public record Error(String code, String message, boolean retryable) {

        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
