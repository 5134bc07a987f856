package io.mailgw.config.transfer;

import java.util.List;

import io.mailgw.config.mailbox.MailboxSubmission;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.settings.Settings;

/**
 * The documents of one import, read and checked, each with its place in the body and the stored
 * document it replaces ({@code null} for a new one).
 *
 * @param settings {@code null} when the import leaves the settings as they are
 */
record ImportBatch(List<MailboxEntry> mailboxes, List<ContractEntry> contracts, SettingsEntry settings) {

    ImportBatch {
        mailboxes = List.copyOf(mailboxes);
        contracts = List.copyOf(contracts);
    }

    /**
     * @param candidate  the mailbox as it will be stored, defaults filled in, with the stored secrets it keeps
     * @param submission as sent, with the secrets given now (never printed)
     */
    record MailboxEntry(String path, Mailbox candidate, MailboxSubmission submission, Mailbox stored) {
    }

    record ContractEntry(String path, Contract draft, Contract stored) {
    }

    record SettingsEntry(String defaultOutboxId, Settings stored) {
    }
}
