package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.delivery.DeliveryStep;
import io.mailgw.outbound.request.InFlightRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The delivery log as the sender writes it: one atomic find-and-modify per state change, never a
 * read before or after. A record may change a request only while the request is open and the
 * record is the one that last changed it ({@code origin}, a redelivery) or carries the ticket it
 * handed out ({@code ticket}, a retry or a re-drive); any other copy finds the request taken, so a
 * duplicated or replayed event is a no-op, and an ended request never changes again.
 */
@Component
public class DeliveryLedger {

    private static final List<DeliveryState> FINAL = statesWhere(DeliveryState::isFinal);
    /** States a request is not in while it is open and not mid-send. */
    private static final List<DeliveryState> FINAL_OR_MID_SEND = statesWhere(
            state -> state.isFinal() || state == DeliveryState.SENDING);
    /** States a request is not in while it is mid-send. */
    private static final List<DeliveryState> NOT_MID_SEND = statesWhere(state -> state != DeliveryState.SENDING);

    private final MongoOperations mongo;
    private final Clock clock;

    DeliveryLedger(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Marks the request {@code SENDING} for this record, before the SMTP DATA.
     *
     * @param messageId the Message-ID this attempt would use; an earlier attempt's wins
     */
    public Claim claim(InFlightRequest request, String outboxId, String resolution, String messageId,
                       int recipientCount) {
        Instant now = clock.instant();
        Update update = new Update()
                .set("state", DeliveryState.SENDING)
                .set("attempt", request.attempt().number())
                .set("contractId", request.contractId())
                .set("outboxMailboxId", outboxId)
                .set("outboxResolution", resolution)
                .set("recipientCount", recipientCount)
                .set("origin", request.attempt().origin())
                .set("ticket", null)
                .set("nextAttemptAt", null)
                .set("updatedAt", now)
                .setOnInsert("messageId", messageId)
                .setOnInsert("createdAt", now)
                .push("steps").slice(-DeliveryRecord.MAX_STEPS)
                .each(new DeliveryStep(request.attempt().number(), DeliveryState.SENDING, now, outboxId, null, null,
                        null));
        DeliveryRecord before;
        try {
            before = mongo.findAndModify(openFor(request), update,
                    FindAndModifyOptions.options().upsert(true).returnNew(false), DeliveryRecord.class);
        }
        catch (DuplicateKeyException taken) {
            return refused(request.requestId());
        }
        if (before == null) {
            return new Claim.Granted(messageId, false, List.of());
        }
        String kept = before.messageId() != null ? before.messageId() : messageId;
        if (before.messageId() == null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(request.requestId())),
                    new Update().set("messageId", kept), DeliveryRecord.class);
        }
        boolean maySendTwice = before.state() == DeliveryState.SENDING || Boolean.TRUE.equals(before.possibleDuplicate());
        return new Claim.Granted(kept, maySendTwice, before.acceptedRecipients());
    }

    /**
     * Records a status: the request's new state, the status event as it is published, and what the
     * next record needs.
     *
     * @param claimed whether this record claimed the request first ({@code SENDING}); otherwise the
     *                request must be open to it, or new
     * @param ticket  the ticket the next record of the request will carry, or {@code null}
     * @return the record as written, or empty when the request had ended or was taken meanwhile
     */
    public Optional<DeliveryRecord> record(InFlightRequest request, boolean claimed, DeliveryStatus status,
                                           String statusJson, String ticket, List<String> acceptedRecipients) {
        Instant now = clock.instant();
        DeliveryState state = DeliveryState.valueOf(status.status().name());
        DeliveryStatus.Error error = status.error();
        Update update = new Update()
                .set("state", state)
                .set("attempt", status.attempt())
                .set("contractId", request.contractId())
                .set("outboxMailboxId", status.outboxMailboxId())
                .set("outboxResolution", status.outboxResolution() == null ? null : status.outboxResolution().name())
                .set("smtpReply", status.smtpReply())
                .set("errorCode", error == null ? null : error.code())
                .set("errorMessage", error == null ? null : error.message())
                .set("possibleDuplicate", Boolean.TRUE.equals(status.possibleDuplicate()))
                .set("acceptedRecipients", acceptedRecipients)
                .set("origin", request.attempt().origin())
                .set("ticket", ticket)
                .set("nextAttemptAt", status.nextAttemptAt())
                .set("statusJson", statusJson)
                .set("updatedAt", now)
                .setOnInsert("createdAt", now)
                .push("steps").slice(-DeliveryRecord.MAX_STEPS)
                .each(new DeliveryStep(status.attempt(), state, now, status.outboxMailboxId(), status.smtpReply(),
                        error == null ? null : error.code(), error == null ? null : error.message()));
        if (status.messageId() != null) {
            update.set("messageId", status.messageId());
        }
        if (claimed) {
            return Optional.ofNullable(mongo.findAndModify(claimedBy(request), update,
                    FindAndModifyOptions.options().returnNew(true), DeliveryRecord.class));
        }
        try {
            return Optional.ofNullable(mongo.findAndModify(openFor(request, FINAL_OR_MID_SEND), update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), DeliveryRecord.class));
        }
        catch (DuplicateKeyException takenOrMidSend) {
            return leftMidSend(request, update);
        }
    }

    /**
     * A record that did not send (a deferral) finding its request in {@code SENDING}: a crash came
     * after an earlier send started, which may have reached the server. That stays known, so the
     * attempt that sends it next says it may be a duplicate.
     */
    private Optional<DeliveryRecord> leftMidSend(InFlightRequest request, Update update) {
        update.set("possibleDuplicate", true);
        Query midSend = openFor(request, NOT_MID_SEND);
        return Optional.ofNullable(mongo.findAndModify(midSend, update, FindAndModifyOptions.options().returnNew(true),
                DeliveryRecord.class));
    }

    public Optional<DeliveryRecord> find(String requestId) {
        return Optional.ofNullable(mongo.findById(requestId, DeliveryRecord.class));
    }

    /** Removes ended requests last changed before {@code before}; the embedded MongoDB enforces no TTL. */
    public long sweep(Instant before) {
        return mongo.remove(Query.query(Criteria.where("updatedAt").lt(before).and("state").in(FINAL)),
                DeliveryRecord.class).getDeletedCount();
    }

    private Claim refused(String requestId) {
        DeliveryRecord current = mongo.findById(requestId, DeliveryRecord.class);
        if (current == null) {
            throw new IllegalStateException("Request " + requestId + " was refused as taken, but has no delivery record");
        }
        return current.isFinal() ? new Claim.Ended(current) : new Claim.Taken(current);
    }

    /** The request, when it is open to this record: its redelivery, or the holder of its ticket. */
    private static Query openFor(InFlightRequest request) {
        return openFor(request, FINAL);
    }

    /**
     * As {@link #openFor(InFlightRequest)}, in none of the {@code excluded} states. {@code _id} stays
     * a top-level equality, so that any MongoDB answers from the {@code _id} index.
     */
    private static Query openFor(InFlightRequest request, List<DeliveryState> excluded) {
        List<Criteria> mayContinue = new ArrayList<>();
        mayContinue.add(Criteria.where("origin").is(request.attempt().origin()));
        if (request.attempt().ticket() != null) {
            mayContinue.add(Criteria.where("ticket").is(request.attempt().ticket()));
        }
        return Query.query(Criteria.where("_id").is(request.requestId()).and("state").nin(excluded)
                .orOperator(mayContinue.toArray(Criteria[]::new)));
    }

    private static List<DeliveryState> statesWhere(Predicate<DeliveryState> test) {
        return Arrays.stream(DeliveryState.values()).filter(test).toList();
    }

    /** The request, while this record holds it in {@code SENDING}. */
    private static Query claimedBy(InFlightRequest request) {
        return Query.query(Criteria.where("_id").is(request.requestId()).and("state").is(DeliveryState.SENDING)
                .and("origin").is(request.attempt().origin()));
    }

    /** Whether a record may go on with its request. */
    public sealed interface Claim {

        /**
         * Go on and send.
         *
         * @param messageId          the Message-ID to send with, the same as every earlier attempt's
         * @param possibleDuplicate  the request was found mid-send: it may have reached the server already
         * @param acceptedRecipients recipients a server already accepted, not to be sent to again
         */
        record Granted(String messageId, boolean possibleDuplicate, List<String> acceptedRecipients) implements Claim {
        }

        /** The request has ended; its last status is published again, in case a crash kept it from Kafka. */
        record Ended(DeliveryRecord record) implements Claim {
        }

        /** Another record carries the request on (a duplicate, or a copy of a request already retrying). */
        record Taken(DeliveryRecord record) implements Claim {
        }
    }
}
