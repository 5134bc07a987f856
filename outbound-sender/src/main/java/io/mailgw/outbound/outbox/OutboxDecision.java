package io.mailgw.outbound.outbox;

import java.util.Objects;

import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.model.mailbox.Mailbox;

/** The outcome of outbox resolution: an outbox to send through, an unknown contract, or no usable outbox. */
public sealed interface OutboxDecision {

    /**
     * Send through {@code outbox} (rules 1 to 3).
     *
     * @param reason why the default was used instead of the contract's outbox ({@code DEFAULT_FALLBACK}), else {@code null}
     */
    record Use(Mailbox outbox, OutboxResolution resolution, String reason) implements OutboxDecision {

        public Use {
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(resolution, "resolution");
        }
    }

    /** {@code SPECIFIC} for a contract that does not exist (rule 4): rejected, nothing is sent. */
    record UnknownContract(String contractId) implements OutboxDecision {

        public String reason() {
            return "contract " + contractId + " does not exist, so its outbox (SPECIFIC) cannot be used";
        }
    }

    /**
     * The default outbox is needed but not usable (rule 5): retried, as an admin may fix the configuration.
     *
     * @param resolution the resolution that would have applied ({@code DEFAULT} or {@code DEFAULT_FALLBACK})
     * @param reason     what is wrong with the default outbox, and with the contract's when it fell back
     */
    record NoOutbox(OutboxResolution resolution, String reason) implements OutboxDecision {
    }
}
