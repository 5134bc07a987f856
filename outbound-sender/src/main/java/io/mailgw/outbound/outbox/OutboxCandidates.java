package io.mailgw.outbound.outbox;

import io.mailgw.model.contract.Contract;
import io.mailgw.model.mailbox.Mailbox;

/**
 * What the configuration holds for one request at the time it is read; any part may be absent.
 *
 * @param contractId      the contract the request names, or {@code null}
 * @param contract        that contract, or {@code null} when it does not exist (or was not asked for)
 * @param contractOutbox  the mailbox the contract links, or {@code null} when none is linked or it is gone
 * @param defaultOutboxId the settings' {@code defaultOutboxId}, or {@code null} when none is set
 * @param defaultOutbox   that mailbox, or {@code null} when it is gone
 */
public record OutboxCandidates(
        String contractId,
        Contract contract,
        Mailbox contractOutbox,
        String defaultOutboxId,
        Mailbox defaultOutbox) {
}
