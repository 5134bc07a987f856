package io.mailgw.config.transfer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.mailgw.config.transfer.ImportBatch.ContractEntry;
import io.mailgw.config.transfer.ImportBatch.MailboxEntry;
import io.mailgw.config.web.Violations;
import io.mailgw.model.Ids;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;

/**
 * Checks the references of an import against the configuration as it will be once the import is
 * written: a document of the import stands in for the stored one of the same id. A mailbox's
 * {@code contractId} must name a contract; a contract's {@code outboundMailboxId} and the default
 * outbox must name an OUTBOUND mailbox.
 */
final class ImportReferences {

    private final ImportBatch batch;
    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final Map<String, MailboxType> importedMailboxTypes = new HashMap<>();
    private final Set<String> importedContractIds = new HashSet<>();

    ImportReferences(ImportBatch batch, MailboxRepository mailboxes, ContractRepository contracts) {
        this.batch = batch;
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        batch.mailboxes().stream().map(MailboxEntry::candidate).filter(mailbox -> mailbox.id() != null)
                .forEach(mailbox -> importedMailboxTypes.put(mailbox.id(), mailbox.type()));
        batch.contracts().stream().map(entry -> entry.draft().id()).filter(id -> id != null)
                .forEach(importedContractIds::add);
    }

    void check(Violations violations) {
        for (MailboxEntry entry : batch.mailboxes()) {
            String contractId = entry.candidate().contractId();
            if (contractId != null && Ids.isValid(contractId) && !importedContractIds.contains(contractId)
                    && !contracts.existsById(contractId)) {
                violations.add(entry.path() + ".contractId", "contract.missing", "no contract with id '" + contractId
                        + "', neither in the import nor stored", contractId);
            }
        }
        for (ContractEntry entry : batch.contracts()) {
            checkOutbox(entry.path() + ".outboundMailboxId", entry.draft().outboundMailboxId(), violations);
        }
        if (batch.settings() != null) {
            checkOutbox("settings.defaultOutboxId", batch.settings().defaultOutboxId(), violations);
        }
    }

    private void checkOutbox(String field, String mailboxId, Violations violations) {
        if (mailboxId == null) {
            return;
        }
        MailboxType type = importedMailboxTypes.containsKey(mailboxId) ? importedMailboxTypes.get(mailboxId)
                : mailboxes.findById(mailboxId).map(Mailbox::type).orElse(null);
        if (type == null && !importedMailboxTypes.containsKey(mailboxId)) {
            violations.add(field, "outbox.missing", "no mailbox with id '" + mailboxId
                    + "', neither in the import nor stored", mailboxId);
        }
        else if (type != MailboxType.OUTBOUND) {
            violations.add(field, "outbox.notOutbound", "mailbox '" + mailboxId + "' is " + type
                    + "; only an OUTBOUND mailbox can send mail", mailboxId, type);
        }
    }
}
