package io.mailgw.outbound.outbox;

import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.settings.SettingsRepository;

import org.springframework.stereotype.Component;

/**
 * Reads what outbox resolution needs from MongoDB, fresh for every request, so that a
 * configuration change applies to the next request (no cache yet). Mailboxes come with their
 * type's defaults filled in.
 */
@Component
public class OutboxCatalog {

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;

    OutboxCatalog(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        this.settings = settings;
    }

    public OutboxCandidates candidatesFor(SendMailRequested request) {
        String defaultOutboxId = settings.current().defaultOutboxId();
        Mailbox defaultOutbox = mailbox(defaultOutboxId);
        if (request.outboxOrDefault() != OutboxChoice.SPECIFIC || request.contractId() == null) {
            return new OutboxCandidates(request.contractId(), null, null, defaultOutboxId, defaultOutbox);
        }
        Contract contract = contracts.findById(request.contractId()).orElse(null);
        Mailbox contractOutbox = contract == null ? null : mailbox(contract.outboundMailboxId());
        return new OutboxCandidates(request.contractId(), contract, contractOutbox, defaultOutboxId, defaultOutbox);
    }

    private Mailbox mailbox(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return mailboxes.findById(id).map(Mailbox::withDefaults).orElse(null);
    }
}
