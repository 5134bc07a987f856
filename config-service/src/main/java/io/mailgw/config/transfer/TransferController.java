package io.mailgw.config.transfer;

import java.security.Principal;

import io.mailgw.config.contract.ContractView;
import io.mailgw.config.mailbox.MailboxView;
import io.mailgw.config.settings.SettingsView;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.settings.SettingsRepository;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/export} and {@code POST /api/v1/import} (role ADMIN only): the whole
 * configuration in one JSON document, to copy it between installations or keep it under version
 * control. Passwords do not leave the service; an import may bring them.
 */
@RestController
class TransferController {

    static final String EXPORT = "/api/v1/export";
    static final String IMPORT = "/api/v1/import";

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;
    private final ImportReader reader;
    private final ImportWriter writer;

    TransferController(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings,
            ImportReader reader, ImportWriter writer) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        this.settings = settings;
        this.reader = reader;
        this.writer = writer;
    }

    /** Mailboxes and contracts by id, and the settings; {@code passwordSet} instead of any password. */
    @GetMapping(EXPORT)
    ConfigurationExport export() {
        return new ConfigurationExport(
                mailboxes.findAll(Sort.by("id")).stream().map(MailboxView::of).toList(),
                contracts.findAll(Sort.by("id")).stream().map(ContractView::of).toList(),
                SettingsView.of(settings.current()));
    }

    /**
     * Checks every document first and answers 400 naming each broken rule by its path, writing
     * nothing; then creates or replaces each document by id. Leaving out {@code settings} leaves
     * them as they are; documents not in the import stay as they are.
     */
    @PostMapping(path = IMPORT, consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importConfiguration(@RequestBody JsonNode body, Principal user) {
        return writer.write(reader.read(body), user.getName());
    }
}
