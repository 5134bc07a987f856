package io.mailgw.config.transfer;

import java.util.List;

import io.mailgw.config.contract.ContractView;
import io.mailgw.config.mailbox.MailboxView;
import io.mailgw.config.settings.SettingsView;

/**
 * The whole configuration as the API shows each document: mailboxes with {@code passwordSet}
 * and never a password, contracts, and the settings. {@code POST /api/v1/import} takes it back.
 */
record ConfigurationExport(List<MailboxView> mailboxes, List<ContractView> contracts, SettingsView settings) {
}
