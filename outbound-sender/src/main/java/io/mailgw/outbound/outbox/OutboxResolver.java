package io.mailgw.outbound.outbox;

import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.OutboxChoice;
import io.mailgw.model.mailbox.Mailbox;

import org.springframework.stereotype.Component;

/**
 * The five rules of CONTRACT §2, as a pure decision over what the configuration holds.
 * A mailbox is usable when it exists, is {@code OUTBOUND} and is enabled.
 */
@Component
public class OutboxResolver {

    public OutboxDecision resolve(OutboxChoice choice, OutboxCandidates candidates) {
        if (choice != OutboxChoice.SPECIFIC) {
            return useDefault(OutboxResolution.DEFAULT, null, candidates);
        }
        if (candidates.contract() == null) {
            return new OutboxDecision.UnknownContract(candidates.contractId());
        }
        String unusable = whyContractOutboxUnusable(candidates);
        if (unusable == null) {
            return new OutboxDecision.Use(candidates.contractOutbox(), OutboxResolution.CONTRACT, null);
        }
        return useDefault(OutboxResolution.DEFAULT_FALLBACK, unusable, candidates);
    }

    private static OutboxDecision useDefault(OutboxResolution resolution, String fallbackReason,
                                             OutboxCandidates candidates) {
        String unusable = whyDefaultUnusable(candidates);
        if (unusable == null) {
            return new OutboxDecision.Use(candidates.defaultOutbox(), resolution, fallbackReason);
        }
        return new OutboxDecision.NoOutbox(resolution,
                fallbackReason == null ? unusable : fallbackReason + "; " + unusable);
    }

    private static String whyContractOutboxUnusable(OutboxCandidates candidates) {
        String contractId = candidates.contract().id();
        String linkedId = candidates.contract().outboundMailboxId();
        if (linkedId == null || linkedId.isBlank()) {
            return "contract " + contractId + " has no outbox linked";
        }
        String problem = problemOf(candidates.contractOutbox());
        return problem == null ? null : "the outbox " + linkedId + " linked to contract " + contractId + " " + problem;
    }

    private static String whyDefaultUnusable(OutboxCandidates candidates) {
        if (candidates.defaultOutboxId() == null || candidates.defaultOutboxId().isBlank()) {
            return "no default outbox is set in the settings";
        }
        String problem = problemOf(candidates.defaultOutbox());
        return problem == null ? null : "the default outbox " + candidates.defaultOutboxId() + " " + problem;
    }

    private static String problemOf(Mailbox mailbox) {
        if (mailbox == null) {
            return "does not exist";
        }
        if (!mailbox.isOutbound()) {
            return "is not an OUTBOUND mailbox";
        }
        return mailbox.enabled() ? null : "is disabled";
    }
}
