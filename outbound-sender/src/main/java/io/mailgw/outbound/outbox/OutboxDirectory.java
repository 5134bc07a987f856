package io.mailgw.outbound.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.mailgw.events.ConfigChanged;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.outbound.OutboundProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What outbox resolution needs, from memory: every outbound mailbox, the contracts and the
 * settings, loaded at start and kept current by {@code mail.config.changes} (one document read
 * again per change) and by a full reload every {@code config-refresh}, so a missed event is stale
 * for no longer than that. A contract or mailbox a request names that is not in memory yet is read
 * once from MongoDB (and its absence remembered until the next reload), so a brand-new contract is
 * never mistaken for an unknown one. Mailboxes come with their type's defaults filled in.
 */
@Component
public class OutboxDirectory implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDirectory.class);

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;
    private final Clock clock;
    private final Duration refresh;
    private volatile Map<String, Optional<Mailbox>> mailboxById = new ConcurrentHashMap<>();
    private volatile Map<String, Optional<Contract>> contractById = new ConcurrentHashMap<>();
    private volatile Settings current = Settings.empty();
    private volatile Instant loadedAt = Instant.EPOCH;

    OutboxDirectory(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings,
                    OutboundProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        this.settings = settings;
        this.refresh = properties.configRefresh();
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        reloadAll();
    }

    public OutboxCandidates candidatesFor(SendMailRequested request) {
        String defaultOutboxId = current.defaultOutboxId();
        Mailbox defaultOutbox = mailbox(defaultOutboxId);
        if (request.outboxOrDefault() != OutboxChoice.SPECIFIC || request.contractId() == null) {
            return new OutboxCandidates(request.contractId(), null, null, defaultOutboxId, defaultOutbox);
        }
        Contract contract = lookup(contractById, request.contractId(), contracts::findById);
        Mailbox contractOutbox = contract == null ? null : mailbox(contract.outboundMailboxId());
        return new OutboxCandidates(request.contractId(), contract, contractOutbox, defaultOutboxId, defaultOutbox);
    }

    /** Reads again what a change names; a mailbox, contract or the settings. */
    public void changed(ConfigChanged change) {
        switch (change.kind()) {
            case MAILBOX -> mailboxById.put(change.id(), mailboxes.findById(change.id()).map(Mailbox::withDefaults));
            case CONTRACT -> contractById.put(change.id(), contracts.findById(change.id()));
            case SETTINGS -> current = settings.current();
        }
        log.debug("Configuration change {} {} {} applied", change.kind(), change.id(), change.change());
    }

    /** Reads every outbound mailbox, contract and the settings again. */
    @Scheduled(fixedDelayString = "${mailgw.outbound.config-refresh:30s}",
            initialDelayString = "${mailgw.outbound.config-refresh:30s}")
    public void reloadAll() {
        Map<String, Optional<Mailbox>> outboxes = new ConcurrentHashMap<>();
        mailboxes.findByType(MailboxType.OUTBOUND)
                .forEach(mailbox -> outboxes.put(mailbox.id(), Optional.of(mailbox.withDefaults())));
        Map<String, Optional<Contract>> allContracts = new ConcurrentHashMap<>();
        contracts.findAll().forEach(contract -> allContracts.put(contract.id(), Optional.of(contract)));
        Settings loaded = settings.current();
        mailboxById = outboxes;
        contractById = allContracts;
        current = loaded;
        loadedAt = clock.instant();
        log.debug("Loaded {} outboxes and {} contracts", outboxes.size(), allContracts.size());
    }

    /** When everything was last read from MongoDB. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** How often everything is read again. */
    public Duration refresh() {
        return refresh;
    }

    private Mailbox mailbox(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return lookup(mailboxById, id, key -> mailboxes.findById(key).map(Mailbox::withDefaults));
    }

    private static <T> T lookup(Map<String, Optional<T>> cache, String id, Function<String, Optional<T>> read) {
        return cache.computeIfAbsent(id, read).orElse(null);
    }
}
