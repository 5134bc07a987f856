package io.mailgw.config.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;
import io.mailgw.config.change.ConfigChangePublisher;
import io.mailgw.config.web.ConflictException;
import io.mailgw.config.web.ConflictException.Reference;
import io.mailgw.config.web.InvalidRequestException;
import io.mailgw.config.web.NotFoundException;
import io.mailgw.config.web.Violations;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.model.Ids;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxValidator;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.model.status.MailboxStatus;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The decisions behind creating, replacing and deleting a mailbox: ids that never change, a
 * type that never changes, secrets kept unless new ones are given (stored encrypted only, bound
 * to the mailbox's id) and never carried to another server ({@link SecretCarryOver}), a contract
 * that must exist, and no deletion while a contract or the settings use the mailbox. Every saved
 * change is announced on Kafka afterwards. The API and the admin page both change mailboxes
 * through here only, with the mailbox JSON of CONTRACT §4, and name the signed-in
 * user who asks ({@code actor}), for the audit log.
 */
@Component
public class MailboxEditor {

    static final String ID_PREFIX = "mbx";

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;
    private final MongoOperations mongo;
    private final SecretCipher cipher;
    private final ConfigChangePublisher changes;
    private final AuditLog audit;
    private final Clock clock;

    MailboxEditor(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings,
            MongoOperations mongo, SecretCipher cipher, ConfigChangePublisher changes, AuditLog audit,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
        this.settings = settings;
        this.mongo = mongo;
        this.cipher = cipher;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param body  the mailbox JSON
     * @param actor the name of the signed-in user who asks
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule
     * @throws ConflictException when the id is taken
     */
    public Mailbox create(JsonNode body, String actor) {
        MailboxSubmission submission = MailboxJsonReader.read(body, null);
        Mailbox draft = submission.draft();
        String id = draft.id() != null ? draft.id() : Ids.generate(ID_PREFIX);
        Instant now = now();
        Mailbox candidate = draft.toBuilder().id(id).build().withDefaults();
        candidate = candidate.toBuilder()
                .auth(SecretCarryOver.withGiven(candidate.auth(), submission, id, cipher, now)).build();
        check(candidate, Set.of(), new Violations().addAll(submission.violations()));
        if (mailboxes.existsById(id)) {
            throw new ConflictException("A mailbox with id '" + id + "' exists already; choose another id, "
                    + "or PUT /api/v1/mailboxes/" + id + " to change that one");
        }
        Mailbox saved = mailboxes.insert(candidate.stamped(now, now, null));
        changes.publish(Kind.MAILBOX, saved.id(), Change.CREATED);
        audit.created(actor, AuditKind.MAILBOX, saved.id(), MailboxView.of(saved), secretNames(submission));
        return saved;
    }

    /**
     * Replaces the mailbox as read now, failing with 409 if it changes meanwhile; a body without
     * {@code password} keeps the stored one.
     *
     * @throws NotFoundException when there is no mailbox {@code id}
     */
    public Mailbox replace(String id, JsonNode body, String actor) {
        Mailbox stored = find(id);
        return replace(stored, MailboxJsonReader.read(body, stored.type()), actor);
    }

    /** Replaces {@code stored}, as read for this request, failing with 409 if it changed meanwhile. */
    Mailbox replace(Mailbox stored, MailboxSubmission submission, String actor) {
        String id = stored.id();
        Violations violations = new Violations().addAll(submission.violations());
        Mailbox draft = submission.draft();
        if (draft.id() != null && !draft.id().equals(id)) {
            violations.add("id", "id.fixed", "must be '" + id + "' as in the path, or left out: ids never change", id);
        }
        if (draft.type() != stored.type()) {
            violations.add("type", "mailbox.type.fixed", "must stay " + stored.type()
                    + ": the type of a mailbox never changes; create a new mailbox instead", stored.type());
        }
        Mailbox candidate = draft.toBuilder().id(id).build().withDefaults();
        SecretCarryOver.Carried carried = SecretCarryOver.carry(stored, candidate, submission.given());
        carried.refusals().forEach(refusal -> violations.add(refusal.changedField(), "mailbox.secret.otherServer",
                refusal.message(), refusal.secret().path()));
        Instant now = now();
        candidate = candidate.toBuilder()
                .auth(SecretCarryOver.withGiven(carried.auth(), submission, id, cipher, now)).build();
        check(candidate, carried.refused(), violations);
        Mailbox saved = mailboxes.save(candidate.stamped(stored.createdAt(), now, stored.version()));
        changes.publish(Kind.MAILBOX, id, Change.UPDATED);
        audit.updated(actor, AuditKind.MAILBOX, id, MailboxView.of(stored), MailboxView.of(saved),
                secretNames(submission));
        return saved;
    }

    /**
     * Connects a delegated OAuth2 mailbox to the account someone signed in with on the admin page:
     * its new refresh token (stored encrypted), the account and now. Fails with 409 if the mailbox
     * changed since it was read for the sign-in.
     *
     * @param stored the mailbox as read when the sign-in was started
     * @throws io.mailgw.config.web.InvalidRequestException when it no longer logs in with a refresh token
     */
    public Mailbox connect(Mailbox stored, String refreshToken, String account, String actor) {
        if (!(stored.auth() instanceof RefreshTokenLogin login)) {
            throw new InvalidRequestException("auth.grant",
                    "mailbox '" + stored.id() + "' no longer logs in with grant REFRESH_TOKEN; nothing to connect");
        }
        Instant now = now();
        Mailbox connected = stored.toBuilder()
                .auth(login.connected(cipher.encrypt(refreshToken, stored.id()), account, now)).build();
        Mailbox saved = mailboxes.save(connected.stamped(stored.createdAt(), now, stored.version()));
        changes.publish(Kind.MAILBOX, stored.id(), Change.UPDATED);
        audit.updated(actor, AuditKind.MAILBOX, stored.id(), MailboxView.of(stored), MailboxView.of(saved),
                List.of(SecretField.REFRESH_TOKEN.path()));
        return saved;
    }

    /**
     * @throws ConflictException naming the contracts and settings that still use the mailbox
     */
    public void delete(String id, String actor) {
        Mailbox stored = find(id);
        List<Reference> references = referencesTo(id);
        if (!references.isEmpty()) {
            throw new ConflictException("Mailbox '" + id + "' is still in use by " + describe(references)
                    + "; link another mailbox there first", references);
        }
        mailboxes.delete(stored);
        mongo.remove(Query.query(Criteria.where("_id").is(id)), MailboxStatus.class);
        changes.publish(Kind.MAILBOX, id, Change.DELETED);
        audit.deleted(actor, AuditKind.MAILBOX, id);
    }

    /**
     * @throws NotFoundException when there is no mailbox {@code id}
     */
    public Mailbox find(String id) {
        return mailboxes.findById(id).orElseThrow(() -> new NotFoundException("mailbox", id));
    }

    /** @param refused secrets a refusal already names, not to be named again as missing */
    private void check(Mailbox candidate, Set<SecretField> refused, Violations violations) {
        violations.addAll(MailboxValidator.validate(candidate, refused));
        String contractId = candidate.contractId();
        if (contractId != null && Ids.isValid(contractId) && !contracts.existsById(contractId)) {
            violations.add("contractId", "contract.missing",
                    "no contract with id '" + contractId + "'; create the contract first", contractId);
        }
        violations.throwIfAny();
    }

    private List<Reference> referencesTo(String id) {
        List<Reference> references = new ArrayList<>();
        for (Contract contract : contracts.findByOutboundMailboxId(id)) {
            references.add(new Reference("CONTRACT", contract.id(), "outboundMailboxId"));
        }
        var current = settings.current();
        if (id.equals(current.defaultOutboxId())) {
            references.add(new Reference("SETTINGS", current.id(), "defaultOutboxId"));
        }
        return references;
    }

    private static String describe(List<Reference> references) {
        return String.join(", ", references.stream()
                .map(ref -> "SETTINGS".equals(ref.kind()) ? "the settings (as the default outbox)"
                        : "contract '" + ref.id() + "' (as its outbox)")
                .toList());
    }

    /** The names of the secrets given, as the audit names them: {@code password}, {@code auth.clientSecret}. */
    static List<String> secretNames(MailboxSubmission submission) {
        return submission.given().stream().map(SecretField::path).toList();
    }

    /** Now, to the millisecond, as MongoDB keeps it, so that a response shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
