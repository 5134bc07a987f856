package io.mailgw.config.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mailgw.config.change.ConfigChangePublisher;
import io.mailgw.config.mailbox.OutboxReferenceCheck;
import io.mailgw.config.web.ConflictException;
import io.mailgw.config.web.ConflictException.Reference;
import io.mailgw.config.web.NotFoundException;
import io.mailgw.config.web.Violations;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.model.Ids;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;

import org.springframework.stereotype.Component;

/**
 * The decisions behind changing a contract: ids that never change, a linked outbox that must be
 * an existing OUTBOUND mailbox, and no deletion while mailboxes belong to the contract.
 */
@Component
class ContractEditor {

    static final String ID_PREFIX = "ctr";
    static final int MAX_NAME_LENGTH = 200;

    private final ContractRepository contracts;
    private final MailboxRepository mailboxes;
    private final OutboxReferenceCheck outboxCheck;
    private final ConfigChangePublisher changes;
    private final Clock clock;

    ContractEditor(ContractRepository contracts, MailboxRepository mailboxes, OutboxReferenceCheck outboxCheck,
            ConfigChangePublisher changes, Clock clock) {
        this.contracts = contracts;
        this.mailboxes = mailboxes;
        this.outboxCheck = outboxCheck;
        this.changes = changes;
        this.clock = clock;
    }

    Contract create(ContractSubmission submission) {
        Contract draft = submission.draft();
        String id = draft.id() != null ? draft.id() : Ids.generate(ID_PREFIX);
        check(draft, new Violations().addAll(submission.violations()));
        if (contracts.existsById(id)) {
            throw new ConflictException("A contract with id '" + id + "' exists already; choose another id, "
                    + "or PUT /api/v1/contracts/" + id + " to change that one");
        }
        Instant now = now();
        Contract saved = contracts.insert(new Contract(id, draft.name(), draft.outboundMailboxId(), now, now, null));
        changes.publish(Kind.CONTRACT, id, Change.CREATED);
        return saved;
    }

    /** Replaces {@code stored}, as read for this request, failing with 409 if it changed meanwhile. */
    Contract replace(Contract stored, ContractSubmission submission) {
        Contract draft = submission.draft();
        Violations violations = new Violations().addAll(submission.violations());
        if (draft.id() != null && !draft.id().equals(stored.id())) {
            violations.add("id", "must be '" + stored.id() + "' as in the path, or left out: ids never change");
        }
        check(draft, violations);
        Contract saved = contracts.save(new Contract(stored.id(), draft.name(), draft.outboundMailboxId(),
                stored.createdAt(), now(), stored.version()));
        changes.publish(Kind.CONTRACT, stored.id(), Change.UPDATED);
        return saved;
    }

    void delete(String id) {
        Contract stored = find(id);
        List<Reference> references = mailboxes.findByContractId(id).stream()
                .map(mailbox -> new Reference("MAILBOX", mailbox.id(), "contractId")).toList();
        if (!references.isEmpty()) {
            throw new ConflictException("Contract '" + id + "' still has mailboxes: " + String.join(", ",
                    references.stream().map(Reference::id).toList())
                    + "; delete them or move them to another contract first", references);
        }
        contracts.delete(stored);
        changes.publish(Kind.CONTRACT, id, Change.DELETED);
    }

    Contract find(String id) {
        return contracts.findById(id).orElseThrow(() -> new NotFoundException("contract", id));
    }

    private void check(Contract draft, Violations violations) {
        if (draft.id() != null && !Ids.isValid(draft.id())) {
            violations.add("id", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        String name = draft.name();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            violations.add("name", "required, at most " + MAX_NAME_LENGTH + " characters, without line breaks");
        }
        outboxCheck.check("outboundMailboxId", draft.outboundMailboxId(), violations);
        violations.throwIfAny();
    }

    /** Now, to the millisecond, as MongoDB keeps it, so that a response shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
