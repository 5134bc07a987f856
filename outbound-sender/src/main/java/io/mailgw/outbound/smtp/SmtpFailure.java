package io.mailgw.outbound.smtp;

import java.util.Objects;

import io.mailgw.model.status.MailboxState;

/**
 * One failed SMTP send, classified.
 *
 * @param code        machine-readable, such as {@code SMTP_UNREACHABLE}; goes into the status event
 * @param retryable   whether waiting can help (4xx, timeouts, unreachable server) or not (5xx, TLS, login)
 * @param outboxState what the failure says about the outbox's health, or {@code null} when the
 *                    outbox is fine and the message itself was refused (a rejected recipient)
 * @param reason      plain words for an operator, never a secret: {@code connection refused}
 */
public record SmtpFailure(String code, boolean retryable, MailboxState outboxState, String reason) {

    public SmtpFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
