package io.mailgw.outbound.delivery;

import java.util.List;

import io.mailgw.events.DeliveryStatus.OutboxResolution;

/**
 * What is known about an attempt when its outcome is recorded: the outbox resolution chose (none
 * before or without one), and what the delivery log said when the attempt claimed the request.
 *
 * @param outboxMailboxId    the outbox, or {@code null}
 * @param resolution         how it was chosen, or {@code null} before resolution
 * @param resolutionReason   why the default was used instead of the contract's outbox, else {@code null}
 * @param messageId          the gateway Message-ID, once an outbox gives it a domain
 * @param possibleDuplicate  the request was found mid-send after a crash
 * @param acceptedRecipients recipients an earlier attempt delivered to
 */
public record AttemptDetails(String outboxMailboxId, OutboxResolution resolution, String resolutionReason,
                             String messageId, boolean possibleDuplicate, List<String> acceptedRecipients) {

    public AttemptDetails {
        acceptedRecipients = acceptedRecipients == null ? List.of() : List.copyOf(acceptedRecipients);
    }

    /** Before, or without, an outbox. */
    public static AttemptDetails unresolved(OutboxResolution resolution) {
        return new AttemptDetails(null, resolution, null, null, false, List.of());
    }

    /** Resolved to an outbox, before the request is claimed. */
    public static AttemptDetails resolved(String outboxMailboxId, OutboxResolution resolution, String reason) {
        return new AttemptDetails(outboxMailboxId, resolution, reason, null, false, List.of());
    }

    /** The same attempt, as the claim found the request. */
    public AttemptDetails claimed(String gatewayMessageId, boolean duplicate, List<String> accepted) {
        return new AttemptDetails(outboxMailboxId, resolution, resolutionReason, gatewayMessageId, duplicate, accepted);
    }
}
