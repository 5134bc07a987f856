package io.mailgw.config.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.delivery.DeliveryStep;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The re-drive's side of the delivery ledger: which requests may be re-driven (those that ended
 * {@code FAILED} or {@code REJECTED}), and the one conditional update that hands a request its new
 * ticket. That update only matches a request still failed, so of two re-drives at once (a double
 * click, two admins) exactly one republishes it. Everything else in the ledger is the sender's.
 */
@Component
class RedriveLedger {

    static final List<DeliveryState> REDRIVABLE = List.of(DeliveryState.FAILED, DeliveryState.REJECTED);

    /** What a re-drive reads of a candidate, and what it restores when its letter could not be republished. */
    private static final String[] CANDIDATE_FIELDS = {"state", "attempt", "outboxMailboxId", "ticket",
        "nextAttemptAt"};

    private final MongoOperations mongo;
    private final Clock clock;

    RedriveLedger(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The named requests the ledger knows, redrivable or not (read without their history). */
    List<DeliveryRecord> named(Collection<String> requestIds) {
        return mongo.find(candidates(Criteria.where("_id").in(requestIds)), DeliveryRecord.class);
    }

    /** Every request last sent through {@code outboxId} that ended failed or rejected, oldest first. */
    List<DeliveryRecord> failedThrough(String outboxId) {
        Query query = candidates(Criteria.where("outboxMailboxId").is(outboxId)
                .and("state").in(REDRIVABLE.stream().map(Enum::name).toList()));
        return mongo.find(query.with(Sort.by("createdAt", "_id")), DeliveryRecord.class);
    }

    /**
     * Hands the request a new ticket if it is still failed or rejected: state {@code REDRIVEN}, no next
     * attempt time, and a {@code REDRIVEN} step in its history (which keeps its newest
     * {@link DeliveryRecord#MAX_STEPS}).
     *
     * @return the request as it was before, or empty when the update did not match
     */
    Optional<DeliveryRecord> claim(DeliveryRecord candidate, String ticket) {
        Query stillFailed = Query.query(Criteria.where("_id").is(candidate.requestId())
                .and("state").in(REDRIVABLE.stream().map(Enum::name).toList()));
        stillFailed.fields().include(CANDIDATE_FIELDS);
        DeliveryStep step = new DeliveryStep(candidate.attempt(), DeliveryState.REDRIVEN, clock.instant(),
                candidate.outboxMailboxId(), null, null, null);
        Update update = new Update().set("state", DeliveryState.REDRIVEN).set("ticket", ticket)
                .set("nextAttemptAt", null).set("updatedAt", step.at());
        update.push("steps").slice(-DeliveryRecord.MAX_STEPS).each(step);
        return Optional.ofNullable(mongo.findAndModify(stillFailed, update,
                FindAndModifyOptions.options().returnNew(false), DeliveryRecord.class));
    }

    /**
     * Undoes a {@link #claim} whose letter did not reach the requests topic, if nothing else changed
     * the request since: its state, ticket and next attempt time as they were, and a step that says
     * why. A copy that reaches the topic after all carries a ticket the ledger no longer holds, so the
     * sender ignores it.
     */
    void release(DeliveryRecord before, String ticket, String reason) {
        Query claimed = Query.query(Criteria.where("_id").is(before.requestId())
                .and("state").is(DeliveryState.REDRIVEN).and("ticket").is(ticket));
        DeliveryStep step = new DeliveryStep(before.attempt(), before.state(), clock.instant(),
                before.outboxMailboxId(), null, "REDRIVE_NOT_PUBLISHED", reason);
        Update update = new Update().set("state", before.state()).set("ticket", before.ticket())
                .set("nextAttemptAt", before.nextAttemptAt()).set("updatedAt", step.at());
        update.push("steps").slice(-DeliveryRecord.MAX_STEPS).each(step);
        mongo.updateFirst(claimed, update, DeliveryRecord.class);
    }

    private static Query candidates(Criteria criteria) {
        Query query = Query.query(criteria);
        query.fields().include(CANDIDATE_FIELDS);
        return query;
    }
}
