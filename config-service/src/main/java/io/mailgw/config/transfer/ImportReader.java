package io.mailgw.config.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mailgw.config.contract.ContractEditor;
import io.mailgw.config.contract.ContractSubmission;
import io.mailgw.config.mailbox.MailboxJsonReader;
import io.mailgw.config.mailbox.MailboxSubmission;
import io.mailgw.config.mailbox.SecretCarryOver;
import io.mailgw.config.transfer.ImportBatch.ContractEntry;
import io.mailgw.config.transfer.ImportBatch.MailboxEntry;
import io.mailgw.config.transfer.ImportBatch.SettingsEntry;
import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.model.FieldViolation;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxValidator;
import io.mailgw.model.settings.SettingsRepository;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads an import, {@code {"mailboxes": [...], "contracts": [...], "settings": {...}}}, and checks
 * every document by the rules the API applies to it one by one, plus the references between the
 * documents of the import and those stored. Every broken rule is named at once, with its path
 * ({@code mailboxes[2].port}); nothing is written here.
 */
@Component
class ImportReader {

    private static final Set<String> KNOWN = Set.of("mailboxes", "contracts", "settings");
    private static final Set<String> SETTINGS_FIELDS = Set.of("defaultOutboxId", "updatedAt");
    private static final String ID_REQUIRED = "required in an import: each document is created or replaced by its id";
    private static final String PASSWORD = "password";
    private static final String PASSWORD_REQUIRED = "required: this mailbox logs in and has no stored password, and "
            + "exports carry none; add \"password\" to it";

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;

    ImportReader(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        this.settings = settings;
    }

    /**
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule of every document
     */
    ImportBatch read(JsonNode body) {
        Violations violations = new Violations();
        JsonFields.of(body, violations).rejectUnknown(KNOWN, "an import");
        List<MailboxEntry> mailboxEntries = new ArrayList<>();
        Map<String, String> mailboxPaths = new HashMap<>();
        forEachObject(body, "mailboxes", violations, (path, node) -> {
            MailboxEntry entry = readMailbox(path, node, violations);
            if (unique(entry.candidate().id(), path, mailboxPaths, violations)) {
                mailboxEntries.add(entry);
            }
        });
        List<ContractEntry> contractEntries = new ArrayList<>();
        Map<String, String> contractPaths = new HashMap<>();
        forEachObject(body, "contracts", violations, (path, node) -> {
            ContractEntry entry = readContract(path, node, violations);
            if (unique(entry.draft().id(), path, contractPaths, violations)) {
                contractEntries.add(entry);
            }
        });
        SettingsEntry settingsEntry = readSettings(body.get("settings"), violations);
        ImportBatch batch = new ImportBatch(mailboxEntries, contractEntries, settingsEntry);
        new ImportReferences(batch, mailboxes, contracts).check(violations);
        violations.throwIfAny();
        return batch;
    }

    private MailboxEntry readMailbox(String path, JsonNode node, Violations violations) {
        JsonNode id = node.get("id");
        Mailbox stored = id != null && id.isString() ? mailboxes.findById(id.stringValue()).orElse(null) : null;
        MailboxSubmission submission = MailboxJsonReader.read(node, stored == null ? null : stored.type());
        Violations own = new Violations().addAll(submission.violations());
        Mailbox candidate = submission.draft().withDefaults();
        if (candidate.id() == null) {
            own.add("id", "id.required", ID_REQUIRED);
        }
        if (stored != null && candidate.type() != stored.type()) {
            own.add("type", "mailbox.type.fixed", "must stay " + stored.type() + " as stored: the type of a mailbox "
                    + "never changes", stored.type());
        }
        SecretCarryOver.Carried carried = SecretCarryOver.carry(stored, candidate, submission.given());
        carried.refusals().forEach(refusal -> own.add(refusal.changedField(), "mailbox.secret.otherServer",
                refusal.message(), refusal.secret().path()));
        candidate = candidate.toBuilder().auth(carried.auth()).build();
        Set<SecretField> present = new HashSet<>(submission.given());
        present.addAll(carried.refused());
        for (FieldViolation violation : MailboxValidator.validate(candidate, present)) {
            own.add(!PASSWORD.equals(violation.field()) ? violation : new FieldViolation(PASSWORD,
                    PASSWORD_REQUIRED, violation.code(), violation.arguments()));
        }
        violations.addAll(under(path, own.list()));
        return new MailboxEntry(path, candidate, submission, stored);
    }

    private ContractEntry readContract(String path, JsonNode node, Violations violations) {
        ContractSubmission submission = ContractSubmission.read(node);
        Contract draft = submission.draft();
        Violations own = new Violations().addAll(submission.violations());
        if (draft.id() == null) {
            own.add("id", "id.required", ID_REQUIRED);
        }
        ContractEditor.checkFields(draft, own);
        violations.addAll(under(path, own.list()));
        Contract stored = draft.id() == null ? null : contracts.findById(draft.id()).orElse(null);
        return new ContractEntry(path, draft, stored);
    }

    private SettingsEntry readSettings(JsonNode node, Violations violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            violations.add("settings", "import.object", "must be a JSON object");
            return null;
        }
        Violations own = new Violations();
        JsonFields json = JsonFields.of(node, own);
        json.rejectUnknown(SETTINGS_FIELDS, "the settings");
        String defaultOutboxId = json.text("defaultOutboxId");
        violations.addAll(under("settings", own.list()));
        return new SettingsEntry(defaultOutboxId, settings.current());
    }

    /** Calls {@code reader} with each element of the array {@code field}, and its path, when it is an object. */
    private static void forEachObject(JsonNode body, String field, Violations violations, DocumentReader reader) {
        JsonNode array = body.get(field);
        if (array == null || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            violations.add(field, "import.array", "must be an array");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = field + "[" + i + "]";
            if (array.get(i).isObject()) {
                reader.read(path, array.get(i));
            }
            else {
                violations.add(path, "import.object", "must be a JSON object");
            }
        }
    }

    /** Whether {@code id} is the first of its kind in the import; names the second occurrence if not. */
    private static boolean unique(String id, String path, Map<String, String> pathsById, Violations violations) {
        if (id == null) {
            return true;
        }
        String first = pathsById.putIfAbsent(id, path);
        if (first != null) {
            violations.add(path + ".id", "import.duplicate", "'" + id + "' is in the import twice, also at " + first,
                    id, first);
            return false;
        }
        return true;
    }

    /** The violations of one document, their fields put under its path: {@code port} becomes {@code mailboxes[2].port}. */
    private static List<FieldViolation> under(String path, List<FieldViolation> violations) {
        return violations.stream().map(violation -> new FieldViolation(
                "$".equals(violation.field()) ? path : path + "." + violation.field(), violation.message(),
                violation.code(), violation.arguments())).toList();
    }

    @FunctionalInterface
    private interface DocumentReader {
        void read(String path, JsonNode node);
    }
}
