package io.mailgw.outbound.smtp;

import java.util.Objects;

import io.mailgw.model.status.MailboxState;
import io.mailgw.outbound.delivery.ErrorCode;

/**
 * One failed SMTP send, classified.
 *
 * @param code        machine-readable, such as {@code SMTP_UNREACHABLE}; goes into the status event
 * @param retryable   whether waiting can help (4xx, timeouts, unreachable server) or not (5xx, TLS, login)
 * @param outboxState what the failure says about the outbox's health, or {@code null} when the
 *                    outbox is fine and the message itself was refused (a rejected recipient)
 * @param reason      plain words for an operator, never a secret: {@code connection refused}
 */
public record SmtpFailure(ErrorCode code, boolean retryable, MailboxState outboxState, String reason) {

    public SmtpFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the outbox's server or login failed (its health and circuit breaker count it), not one message. */
    public boolean isOutboxFault() {
        return outboxState != null;
    }

    /** Whether the server rejected the outbox's login, so its mail must wait for an admin. */
    public boolean isLoginRejected() {
        return code == ErrorCode.SMTP_AUTH_FAILED;
    }
}
