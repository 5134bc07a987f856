package io.mailgw.config.delivery;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.delivery.DeliveryStep;

/**
 * Delivery-log records as the sender writes them, by the state they ended in. Each carries what the
 * log must never show: a recipient's address, the stored status event and the sender's ticket.
 */
public final class TestDeliveries {

    public static final String ADDRESS = "ana@cliente.example";
    public static final String OLD_TICKET = "ticket-of-the-sender-0001";

    private TestDeliveries() {
    }

    public static DeliveryRecord failed(String requestId, String contractId, String outboxId, Instant createdAt) {
        return record(requestId, contractId, outboxId, DeliveryState.FAILED, createdAt, "421 4.7.0 Try again later",
                "SMTP_TEMPORARY_FAILURE", "The server kept refusing for now", null, steps(3, outboxId, createdAt));
    }

    public static DeliveryRecord rejected(String requestId, String contractId, String outboxId, Instant createdAt) {
        return record(requestId, contractId, outboxId, DeliveryState.REJECTED, createdAt, "550 5.1.1 No such user",
                "SMTP_PERMANENT_FAILURE", "Every recipient was refused", null, steps(1, outboxId, createdAt));
    }

    public static DeliveryRecord sent(String requestId, String contractId, String outboxId, Instant createdAt) {
        return record(requestId, contractId, outboxId, DeliveryState.SENT, createdAt, "250 2.0.0 Ok: queued", null,
                null, null, steps(1, outboxId, createdAt));
    }

    public static DeliveryRecord retrying(String requestId, String contractId, String outboxId, Instant createdAt) {
        return record(requestId, contractId, outboxId, DeliveryState.RETRYING, createdAt, "451 4.3.0 Local error",
                "SMTP_TEMPORARY_FAILURE", "Temporary failure", createdAt.plusSeconds(30),
                steps(1, outboxId, createdAt));
    }

    /** A request rejected before it could be read as one (not JSON): no contract, outbox or recipients known. */
    public static DeliveryRecord rejectedUnreadable(String requestId, Instant createdAt) {
        return new DeliveryRecord(requestId, null, null, null, DeliveryState.REJECTED, 1, null, null,
                "INVALID_REQUEST", "The request is not valid JSON", null, List.of(), null, "mail.outbound.requests-0@9",
                null, null, null, List.of(), createdAt, createdAt);
    }

    /** A failed request whose history is full: {@link DeliveryRecord#MAX_STEPS} steps. */
    public static DeliveryRecord failedWithFullHistory(String requestId, String contractId, String outboxId,
            Instant createdAt) {
        return record(requestId, contractId, outboxId, DeliveryState.FAILED, createdAt, "421 4.7.0 Try again later",
                "SMTP_TEMPORARY_FAILURE", "The server kept refusing for now", null,
                steps(DeliveryRecord.MAX_STEPS, outboxId, createdAt));
    }

    private static DeliveryRecord record(String requestId, String contractId, String outboxId, DeliveryState state,
            Instant createdAt, String smtpReply, String errorCode, String errorMessage, Instant nextAttemptAt,
            List<DeliveryStep> steps) {
        return new DeliveryRecord(requestId, contractId, outboxId, "CONTRACT", state, steps.size(),
                "<" + requestId + "@gateway.example>", smtpReply, errorCode, errorMessage, 2, List.of(ADDRESS),
                false, "mail.outbound.requests-0@7", OLD_TICKET, nextAttemptAt,
                "{\"to\":\"" + ADDRESS + "\",\"status\":\"" + state + "\"}", steps, createdAt,
                createdAt.plusSeconds(steps.size()));
    }

    private static List<DeliveryStep> steps(int count, String outboxId, Instant createdAt) {
        return IntStream.rangeClosed(1, count).mapToObj(attempt -> new DeliveryStep(attempt,
                attempt == count ? DeliveryState.FAILED : DeliveryState.RETRYING, createdAt.plusSeconds(attempt),
                outboxId, "421 4.7.0 Try again later", "SMTP_TEMPORARY_FAILURE", "attempt " + attempt + " refused"))
                .toList();
    }
}
