package io.mailgw.config.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;
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
import io.mailgw.model.mailbox.MailboxValidator;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The decisions behind changing a contract: ids that never change, a linked outbox that must be
 * an existing OUTBOUND mailbox, and no deletion while mailboxes belong to the contract. The API and
 * the admin page both change contracts through here only, with the contract JSON of CONTRACT §4,
 * and name the signed-in user who asks ({@code actor}), for the audit log.
 */
@Component
public class ContractEditor {

    static final String ID_PREFIX = "ctr";
    static final int MAX_NAME_LENGTH = 200;

    private final ContractRepository contracts;
    private final MailboxRepository mailboxes;
    private final OutboxReferenceCheck outboxCheck;
    private final ConfigChangePublisher changes;
    private final AuditLog audit;
    private final Clock clock;

    ContractEditor(ContractRepository contracts, MailboxRepository mailboxes, OutboxReferenceCheck outboxCheck,
            ConfigChangePublisher changes, AuditLog audit, Clock clock) {
        this.contracts = contracts;
        this.mailboxes = mailboxes;
        this.outboxCheck = outboxCheck;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param body  the contract JSON
     * @param actor the name of the signed-in user who asks
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule
     * @throws ConflictException when the id is taken
     */
    public Contract create(JsonNode body, String actor) {
        ContractSubmission submission = ContractSubmission.read(body);
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
        audit.created(actor, AuditKind.CONTRACT, id, ContractView.of(saved), false);
        return saved;
    }

    /**
     * Replaces the contract as read now, failing with 409 if it changes meanwhile.
     *
     * @throws NotFoundException when there is no contract {@code id}
     */
    public Contract replace(String id, JsonNode body, String actor) {
        Contract stored = find(id);
        ContractSubmission submission = ContractSubmission.read(body);
        Contract draft = submission.draft();
        Violations violations = new Violations().addAll(submission.violations());
        if (draft.id() != null && !draft.id().equals(stored.id())) {
            violations.add("id", "id.fixed", "must be '" + stored.id()
                    + "' as in the path, or left out: ids never change", stored.id());
        }
        check(draft, violations);
        Contract saved = contracts.save(new Contract(stored.id(), draft.name(), draft.outboundMailboxId(),
                stored.createdAt(), now(), stored.version()));
        changes.publish(Kind.CONTRACT, stored.id(), Change.UPDATED);
        audit.updated(actor, AuditKind.CONTRACT, stored.id(), ContractView.of(stored), ContractView.of(saved),
                false);
        return saved;
    }

    /**
     * @throws ConflictException naming the mailboxes that still belong to the contract
     */
    public void delete(String id, String actor) {
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
        audit.deleted(actor, AuditKind.CONTRACT, id);
    }

    /**
     * @throws NotFoundException when there is no contract {@code id}
     */
    public Contract find(String id) {
        return contracts.findById(id).orElseThrow(() -> new NotFoundException("contract", id));
    }

    private void check(Contract draft, Violations violations) {
        checkFields(draft, violations);
        outboxCheck.check("outboundMailboxId", draft.outboundMailboxId(), violations);
        violations.throwIfAny();
    }

    /** The rules of a contract's own fields (its id, when given, and its name), without the linked outbox. */
    public static void checkFields(Contract draft, Violations violations) {
        if (draft.id() != null && !Ids.isValid(draft.id())) {
            violations.add("id", MailboxValidator.ID_FORMAT, MailboxValidator.ID_MESSAGE);
        }
        String name = draft.name();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            violations.add("name", "contract.name.invalid",
                    "required, at most " + MAX_NAME_LENGTH + " characters, without line breaks", MAX_NAME_LENGTH);
        }
    }

    /** Now, to the millisecond, as MongoDB keeps it, so that a response shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
