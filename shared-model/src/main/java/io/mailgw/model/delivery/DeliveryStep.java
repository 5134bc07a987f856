package io.mailgw.model.delivery;

import java.time.Instant;

/**
 * One state change of a request, as the delivery log keeps its history (newest last, capped).
 *
 * @param attempt   the attempt it belongs to, 1 for the first
 * @param smtpReply the server's last reply, when one was received
 * @param errorCode a stable code such as {@code SMTP_TEMPORARY_FAILURE}, when not sent
 */
public record DeliveryStep(
        int attempt,
        DeliveryState state,
        Instant at,
        String outboxMailboxId,
        String smtpReply,
        String errorCode,
        String errorMessage) {
}
