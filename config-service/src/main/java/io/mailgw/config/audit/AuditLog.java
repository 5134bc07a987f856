package io.mailgw.config.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.mailgw.config.audit.AuditEvent.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Writes one {@link AuditEvent} per saved change, naming who made it (the signed-in user, as the
 * editors are told) and the fields that changed. Callers hand over the document's API view (which
 * never holds a secret) before and after the change, and name the secrets that were given.
 * A change whose audit entry cannot be written stays saved, like one that cannot be announced on
 * Kafka: the failure is logged with who, what and which fields, and the request is answered.
 */
@Component
public class AuditLog implements InitializingBean {

    /** The actor of a change made without a signed-in user, such as the first admin at start. */
    public static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final MongoOperations mongo;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(MongoOperations mongo, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(AuditEvent.class).createIndex(new Index().on("at", Sort.Direction.DESC).named("at"));
    }

    /**
     * @param actor         the name of the signed-in user who made the change; {@code null} or
     *                      {@value #SYSTEM} for the service itself
     * @param view          the new document as the API shows it
     * @param passwordGiven whether the document got a password
     */
    public void created(String actor, AuditKind kind, String id, Object view, boolean passwordGiven) {
        created(actor, kind, id, view, passwordGiven ? List.of(FieldChanges.PASSWORD) : List.of());
    }

    /**
     * @param secretsGiven the names of the secrets the document got, such as {@code password} or
     *                     {@code auth.clientSecret}
     */
    public void created(String actor, AuditKind kind, String id, Object view, Collection<String> secretsGiven) {
        record(actor, AuditAction.CREATED, kind, id, () -> FieldChanges.set(tree(view), secretsGiven));
    }

    /**
     * @param before        the document as the API showed it before the change
     * @param after         the document as the API shows it now
     * @param passwordGiven whether a new password was given (counted as a change without comparing:
     *                      that would take decrypting the stored one)
     */
    public void updated(String actor, AuditKind kind, String id, Object before, Object after,
            boolean passwordGiven) {
        updated(actor, kind, id, before, after, passwordGiven ? List.of(FieldChanges.PASSWORD) : List.of());
    }

    /**
     * @param secretsGiven the names of the secrets given anew (counted as changes without comparing:
     *                     that would take decrypting the stored ones)
     */
    public void updated(String actor, AuditKind kind, String id, Object before, Object after,
            Collection<String> secretsGiven) {
        record(actor, AuditAction.UPDATED, kind, id,
                () -> FieldChanges.changed(tree(before), tree(after), secretsGiven));
    }

    /**
     * A failed sign-in, and when it makes the next attempts wait, that too.
     *
     * @param user    the user name as typed, already made one line and bounded
     * @param address where the attempt came from
     * @param slowed  whether this failure starts a wait (or a refusal) for the address and user name
     */
    public void loginFailed(String user, String address, boolean slowed) {
        insertLogin(user, AuditAction.LOGIN_FAILED, address);
        if (slowed) {
            insertLogin(user, AuditAction.LOGIN_THROTTLED, address);
        }
    }

    private void insertLogin(String user, AuditAction action, String address) {
        try {
            mongo.insert(new AuditEvent(null, clock.instant().truncatedTo(ChronoUnit.MILLIS), user, action,
                    new Target(AuditKind.USER, user), List.of(), null, null, address));
        }
        catch (RuntimeException ex) {
            log.error("A {} of user {} from {} could not be audited ({})", action, user, address, ex.getMessage(), ex);
        }
    }

    public void deleted(String actor, AuditKind kind, String id) {
        record(actor, AuditAction.DELETED, kind, id, List::of);
    }

    /**
     * A re-drive of failed deliveries: by outbox (its id is the target) or by request ids (named here).
     *
     * @param outboxId   the outbox whose failed requests were asked for, {@code null} when by ids
     * @param requestIds the requests re-driven, when asked by ids
     * @param count      how many requests were re-driven
     */
    public void redriven(String actor, String outboxId, List<String> requestIds, int count) {
        try {
            mongo.insert(new AuditEvent(null, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    actor == null ? SYSTEM : actor, AuditAction.REDRIVEN, new Target(AuditKind.DELIVERY, outboxId),
                    List.of(), requestIds, count, null));
        }
        catch (RuntimeException ex) {
            log.error("{} re-drove {} deliveries ({}), but writing its audit entry failed ({}); the re-drive stands "
                    + "without one", actor, count, outboxId != null ? "of outbox " + outboxId : requestIds,
                    ex.getMessage(), ex);
        }
    }

    private void record(String actor, AuditAction action, AuditKind kind, String id, Supplier<List<String>> fields) {
        List<String> names = List.of();
        try {
            names = fields.get();
            mongo.insert(new AuditEvent(null, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    actor == null ? SYSTEM : actor, action, new Target(kind, id), names, null, null, null));
        }
        catch (RuntimeException ex) {
            log.error("{} {} {} by {} (fields {}) is saved, but writing its audit entry failed ({}); the change "
                    + "stands without one", kind, id, action.name().toLowerCase(), actor, names, ex.getMessage(), ex);
        }
    }

    private JsonNode tree(Object view) {
        return json.valueToTree(view);
    }
}
