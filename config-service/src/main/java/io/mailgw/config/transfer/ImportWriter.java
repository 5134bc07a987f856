package io.mailgw.config.transfer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;
import io.mailgw.config.change.ConfigChangePublisher;
import io.mailgw.config.contract.ContractView;
import io.mailgw.config.mailbox.MailboxView;
import io.mailgw.config.mailbox.SecretCarryOver;
import io.mailgw.config.settings.SettingsView;
import io.mailgw.config.transfer.ImportBatch.ContractEntry;
import io.mailgw.config.transfer.ImportBatch.MailboxEntry;
import io.mailgw.config.transfer.ImportBatch.SettingsEntry;
import io.mailgw.config.transfer.ImportReport.Imported;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;

import org.springframework.stereotype.Component;

/**
 * Writes a checked import: each document created, or replaced by id (keeping its creation time, and
 * a mailbox its stored password unless the import gives one), then announced on Kafka and audited,
 * one by one. Mailboxes go first, then contracts, then the settings, so that the poller and the
 * sender, which read MongoDB meanwhile, find a contract's outbox before the contract links it.
 * MongoDB has no transaction here: a write that fails half-way (a document changed by another
 * request meanwhile answers 409) leaves the documents before it written.
 */
@Component
class ImportWriter {

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;
    private final SecretCipher cipher;
    private final ConfigChangePublisher changes;
    private final AuditLog audit;
    private final Clock clock;

    ImportWriter(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings,
            SecretCipher cipher, ConfigChangePublisher changes, AuditLog audit, Clock clock) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        this.settings = settings;
        this.cipher = cipher;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    ImportReport write(ImportBatch batch, String actor) {
        List<Imported> imported = new ArrayList<>();
        batch.mailboxes().forEach(entry -> imported.add(write(entry, actor)));
        batch.contracts().forEach(entry -> imported.add(write(entry, actor)));
        if (batch.settings() != null) {
            imported.add(write(batch.settings(), actor));
        }
        return new ImportReport(imported);
    }

    private Imported write(MailboxEntry entry, String actor) {
        Mailbox stored = entry.stored();
        String id = entry.candidate().id();
        Instant now = now();
        Mailbox candidate = entry.candidate().toBuilder().auth(SecretCarryOver.withGiven(entry.candidate().auth(),
                entry.submission(), id, cipher, now)).build();
        List<String> secretsGiven = entry.submission().given().stream().map(SecretField::path).toList();
        if (stored == null) {
            Mailbox saved = mailboxes.insert(candidate.stamped(now, now, null));
            changes.publish(Kind.MAILBOX, id, Change.CREATED);
            audit.created(actor, AuditKind.MAILBOX, id, MailboxView.of(saved), secretsGiven);
            return new Imported(Kind.MAILBOX, id, Change.CREATED);
        }
        Mailbox saved = mailboxes.save(candidate.stamped(stored.createdAt(), now, stored.version()));
        changes.publish(Kind.MAILBOX, id, Change.UPDATED);
        audit.updated(actor, AuditKind.MAILBOX, id, MailboxView.of(stored), MailboxView.of(saved), secretsGiven);
        return new Imported(Kind.MAILBOX, id, Change.UPDATED);
    }

    private Imported write(ContractEntry entry, String actor) {
        Contract draft = entry.draft();
        Contract stored = entry.stored();
        Instant now = now();
        if (stored == null) {
            Contract saved = contracts.insert(new Contract(draft.id(), draft.name(), draft.outboundMailboxId(), now,
                    now, null));
            changes.publish(Kind.CONTRACT, draft.id(), Change.CREATED);
            audit.created(actor, AuditKind.CONTRACT, draft.id(), ContractView.of(saved), false);
            return new Imported(Kind.CONTRACT, draft.id(), Change.CREATED);
        }
        Contract saved = contracts.save(new Contract(draft.id(), draft.name(), draft.outboundMailboxId(),
                stored.createdAt(), now, stored.version()));
        changes.publish(Kind.CONTRACT, draft.id(), Change.UPDATED);
        audit.updated(actor, AuditKind.CONTRACT, draft.id(), ContractView.of(stored), ContractView.of(saved), false);
        return new Imported(Kind.CONTRACT, draft.id(), Change.UPDATED);
    }

    private Imported write(SettingsEntry entry, String actor) {
        Settings stored = entry.stored();
        Settings saved = settings.save(new Settings(Settings.SINGLETON_ID, entry.defaultOutboxId(), now(),
                stored.version()));
        changes.publish(Kind.SETTINGS, Settings.SINGLETON_ID, Change.UPDATED);
        audit.updated(actor, AuditKind.SETTINGS, Settings.SINGLETON_ID, SettingsView.of(stored),
                SettingsView.of(saved), false);
        return new Imported(Kind.SETTINGS, Settings.SINGLETON_ID, Change.UPDATED);
    }

    /** Now, to the millisecond, as MongoDB keeps it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
