package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.outbound.request.InFlightRequest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.bson.conversions.Bson;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The delivery log as the sender writes it: one atomic write per state change, never a read before
 * or after. A record may change a request only while the request is open and the record is the one
 * that last changed it ({@code origin}, a redelivery) or carries the ticket it handed out
 * ({@code ticket}, a retry or a re-drive); any other copy finds the request taken, so a duplicated
 * or replayed event is a no-op, and an ended request never changes again.
 * <p>
 * The two writes of every sent message, the claim of a new request and the record of what became
 * of a claimed one, are {@linkplain GroupWrites grouped}: the lanes' concurrent writes go to
 * MongoDB as one insert and one update command per batch, not one round trip each.
 */
@Component
public class DeliveryLedger {

    private static final List<String> FINAL = statesWhere(DeliveryState::isFinal);
    /** States a request is not in while it is open and not mid-send. */
    private static final List<String> FINAL_OR_MID_SEND = statesWhere(
            state -> state.isFinal() || state == DeliveryState.SENDING);
    /** States a request is not in while it is mid-send. */
    private static final List<String> NOT_MID_SEND = statesWhere(state -> state != DeliveryState.SENDING);

    /** What a claim needs of the record it finds. */
    private static final Bson CLAIM_FIELDS = Projections.include("state", "messageId", "possibleDuplicate",
            "acceptedRecipients");
    private static final FindOneAndUpdateOptions CLAIM = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.BEFORE).projection(CLAIM_FIELDS);
    private static final Bson ID_ONLY = Projections.include("_id");
    private static final FindOneAndUpdateOptions RECORD = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER).projection(ID_ONLY);
    private static final FindOneAndUpdateOptions RECORD_OR_CREATE = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.AFTER).projection(ID_ONLY);

    private static final InsertManyOptions INSERT_EACH = new InsertManyOptions().ordered(false);
    private static final BulkWriteOptions UPDATE_EACH = new BulkWriteOptions().ordered(false);
    /** The most writes one command carries. */
    private static final int MAX_BATCH = 64;
    /** Field that tells, after a batch some of whose writes found their request taken, which were written. */
    private static final String WRITE_MARK = "writeMark";

    private final MongoOperations mongo;
    private final Clock clock;
    private final GroupWrites<Document, Boolean> newClaims = new GroupWrites<>("ledger-claims", MAX_BATCH,
            this::insertAll);
    private final GroupWrites<ClaimedWrite, Boolean> claimedRecords = new GroupWrites<>("ledger-records", MAX_BATCH,
            this::updateAll);

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
        Date now = Date.from(clock.instant());
        Document set = new Document("state", DeliveryState.SENDING.name())
                .append("attempt", request.attempt().number())
                .append("contractId", request.contractId())
                .append("outboxMailboxId", outboxId)
                .append("outboxResolution", resolution)
                .append("recipientCount", recipientCount)
                .append("origin", request.attempt().origin())
                .append("ticket", null)
                .append("nextAttemptAt", null)
                .append("updatedAt", now);
        Document step = step(request.attempt().number(), DeliveryState.SENDING, now, outboxId, null, null, null);
        // A first attempt is almost always a new request: inserted with other lanes' claims; one the log holds
        // already (a redelivery, a copy) is claimed below, as every later attempt is.
        if (request.attempt().number() == 1 && request.attempt().ticket() == null
                && newClaims.write(created(request.requestId(), set, messageId, now, step))) {
            return new Claim.Granted(messageId, false, List.of());
        }
        Document update = new Document("$set", set)
                .append("$setOnInsert", new Document("messageId", messageId).append("createdAt", now))
                .append("$push", pushed(step));
        Document before;
        try {
            before = findAndUpdate(openFor(request, FINAL), update, CLAIM);
        }
        catch (DuplicateKeyException taken) {
            return refused(request.requestId());
        }
        if (before == null) {
            return new Claim.Granted(messageId, false, List.of());
        }
        String earlier = before.getString("messageId");
        String kept = earlier != null ? earlier : messageId;
        if (earlier == null) {
            mongo.execute(DeliveryRecord.COLLECTION, deliveries -> deliveries.updateOne(
                    new Document("_id", request.requestId()), new Document("$set", new Document("messageId", kept))));
        }
        boolean maySendTwice = DeliveryState.SENDING.name().equals(before.getString("state"))
                || Boolean.TRUE.equals(before.getBoolean("possibleDuplicate"));
        List<String> accepted = before.getList("acceptedRecipients", String.class);
        return new Claim.Granted(kept, maySendTwice, accepted == null ? List.of() : List.copyOf(accepted));
    }

    /**
     * Records a status: the request's new state, the status event as it is published, and what the
     * next record needs.
     *
     * @param claimed whether this record claimed the request first ({@code SENDING}); otherwise the
     *                request must be open to it, or new
     * @param ticket  the ticket the next record of the request will carry, or {@code null}
     * @return whether it was written: not when the request had ended or was taken meanwhile
     */
    public boolean record(InFlightRequest request, boolean claimed, DeliveryStatus status, String statusJson,
                          String ticket, List<String> acceptedRecipients) {
        Date now = Date.from(clock.instant());
        DeliveryState state = DeliveryState.valueOf(status.status().name());
        DeliveryStatus.Error error = status.error();
        String errorCode = error == null ? null : error.code();
        String errorMessage = error == null ? null : error.message();
        Document set = new Document("state", state.name())
                .append("attempt", status.attempt())
                .append("contractId", request.contractId())
                .append("outboxMailboxId", status.outboxMailboxId())
                .append("outboxResolution", status.outboxResolution() == null ? null : status.outboxResolution().name())
                .append("smtpReply", status.smtpReply())
                .append("errorCode", errorCode)
                .append("errorMessage", errorMessage)
                .append("possibleDuplicate", Boolean.TRUE.equals(status.possibleDuplicate()))
                .append("acceptedRecipients", acceptedRecipients)
                .append("origin", request.attempt().origin())
                .append("ticket", ticket)
                .append("nextAttemptAt", status.nextAttemptAt() == null ? null : Date.from(status.nextAttemptAt()))
                .append("statusJson", statusJson)
                .append("updatedAt", now);
        if (status.messageId() != null) {
            set.append("messageId", status.messageId());
        }
        Document update = new Document("$set", set)
                .append("$setOnInsert", new Document("createdAt", now))
                .append("$push", pushed(step(status.attempt(), state, now, status.outboxMailboxId(),
                        status.smtpReply(), errorCode, errorMessage)));
        if (claimed) {
            return claimedRecords.write(new ClaimedWrite(claimedBy(request, statusJson), update));
        }
        try {
            return findAndUpdate(openFor(request, FINAL_OR_MID_SEND), update, RECORD_OR_CREATE) != null;
        }
        catch (DuplicateKeyException takenOrMidSend) {
            return leftMidSend(request, set, update);
        }
    }

    /**
     * A record that did not send (a deferral) finding its request in {@code SENDING}: a crash came
     * after an earlier send started, which may have reached the server. That stays known, so the
     * attempt that sends it next says it may be a duplicate.
     */
    private boolean leftMidSend(InFlightRequest request, Document set, Document update) {
        set.put("possibleDuplicate", true);
        return findAndUpdate(openFor(request, NOT_MID_SEND), update, RECORD) != null;
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

    /**
     * One find-and-modify in the driver's own terms, as the batches are written: the log's few
     * fields as BSON, not mapped object by object, which took a fifth of the sender's CPU. Errors
     * are translated as Spring Data's are ({@link DuplicateKeyException}, {@code DataAccessException}).
     */
    private Document findAndUpdate(Document filter, Document update, FindOneAndUpdateOptions options) {
        return mongo.execute(DeliveryRecord.COLLECTION, deliveries -> deliveries.findOneAndUpdate(filter, update, options));
    }

    /**
     * Inserts a batch of new requests' claims; one whose request exists already (a redelivery, a
     * copy) is answered {@code false}, and is claimed again on its own with a find-and-modify.
     */
    private void insertAll(List<GroupWrites.Write<Document, Boolean>> claims) {
        List<Document> documents = claims.stream().map(GroupWrites.Write::item).toList();
        Map<Integer, BulkWriteError> errors = mongo.execute(DeliveryRecord.COLLECTION, deliveries -> {
            try {
                deliveries.insertMany(documents, INSERT_EACH);
                return Map.of();
            }
            catch (MongoBulkWriteException ex) {
                return ex.getWriteErrors().stream().collect(Collectors.toMap(BulkWriteError::getIndex, error -> error));
            }
        });
        for (int i = 0; i < claims.size(); i++) {
            BulkWriteError error = errors.get(i);
            if (error == null) {
                claims.get(i).done(true);
            }
            else if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                claims.get(i).done(false);
            }
            else {
                claims.get(i).failed(refusedWrite(documents.get(i), error));
            }
        }
    }

    /**
     * Writes a batch of records of claimed requests in one command. When some found their request
     * taken meanwhile (by another sender, after a rebalance), the batch's mark tells which were written.
     */
    private void updateAll(List<GroupWrites.Write<ClaimedWrite, Boolean>> records) {
        ObjectId mark = new ObjectId();
        List<UpdateOneModel<Document>> updates = records.stream().map(GroupWrites.Write::item)
                .map(write -> new UpdateOneModel<Document>(write.filter(), marked(write.update(), mark))).toList();
        Map<Integer, BulkWriteError> errors = new HashMap<>();
        int matched = mongo.execute(DeliveryRecord.COLLECTION, deliveries -> {
            try {
                return deliveries.bulkWrite(updates, UPDATE_EACH).getMatchedCount();
            }
            catch (MongoBulkWriteException ex) {
                ex.getWriteErrors().forEach(error -> errors.put(error.getIndex(), error));
                return ex.getWriteResult().getMatchedCount();
            }
        });
        Set<Object> written = matched == records.size() - errors.size() ? null : markedWith(mark, records);
        for (int i = 0; i < records.size(); i++) {
            ClaimedWrite write = records.get(i).item();
            BulkWriteError error = errors.get(i);
            if (error != null) {
                records.get(i).failed(refusedWrite(write.filter(), error));
            }
            else {
                records.get(i).done(written == null || written.contains(write.filter().get("_id")));
            }
        }
    }

    private Set<Object> markedWith(ObjectId mark, List<GroupWrites.Write<ClaimedWrite, Boolean>> records) {
        List<Object> ids = records.stream().map(write -> write.item().filter().get("_id")).toList();
        Document query = new Document("_id", new Document("$in", ids)).append(WRITE_MARK, mark);
        return mongo.execute(DeliveryRecord.COLLECTION, deliveries -> deliveries.find(query).projection(ID_ONLY)
                .map(document -> document.get("_id")).into(new HashSet<>()));
    }

    private static Document marked(Document update, ObjectId mark) {
        update.get("$set", Document.class).put(WRITE_MARK, mark);
        return update;
    }

    private static DataIntegrityViolationException refusedWrite(Document document, BulkWriteError error) {
        return new DataIntegrityViolationException("MongoDB refused the delivery record of request "
                + document.get("_id") + ": " + error.getCode() + " " + error.getMessage());
    }

    /** A new request's record as its claim creates it: what the upserting claim would insert. */
    private static Document created(String requestId, Document set, String messageId, Date now, Document step) {
        Document created = new Document("_id", requestId);
        created.putAll(set);
        return created.append("messageId", messageId).append("createdAt", now).append("steps", List.of(step));
    }

    /** A step of the record's history; absent values are left out. */
    private static Document step(int attempt, DeliveryState state, Date at, String outboxId, String smtpReply,
                                 String errorCode, String errorMessage) {
        Document step = new Document("attempt", attempt).append("state", state.name()).append("at", at);
        putIfPresent(step, "outboxMailboxId", outboxId);
        putIfPresent(step, "smtpReply", smtpReply);
        putIfPresent(step, "errorCode", errorCode);
        putIfPresent(step, "errorMessage", errorMessage);
        return step;
    }

    /** Appends a step to the record's history, keeping the last {@code MAX_STEPS}. */
    private static Document pushed(Document step) {
        return new Document("steps", new Document("$each", List.of(step)).append("$slice", -DeliveryRecord.MAX_STEPS));
    }

    private static void putIfPresent(Document document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }

    /**
     * The request, when it is open to this record (its redelivery, or the holder of its ticket) and
     * in none of the {@code excluded} states. {@code _id} stays a top-level equality, so that any
     * MongoDB answers from the {@code _id} index.
     */
    private static Document openFor(InFlightRequest request, List<String> excluded) {
        List<Document> mayContinue = new ArrayList<>();
        mayContinue.add(new Document("origin", request.attempt().origin()));
        if (request.attempt().ticket() != null) {
            mayContinue.add(new Document("ticket", request.attempt().ticket()));
        }
        return new Document("_id", request.requestId()).append("state", new Document("$nin", excluded))
                .append("$or", mayContinue);
    }

    private static List<String> statesWhere(Predicate<DeliveryState> test) {
        return Arrays.stream(DeliveryState.values()).filter(test).map(DeliveryState::name).toList();
    }

    /**
     * The request, while this record holds it in {@code SENDING}, or once this very write changed it:
     * a write tried again after its answer was lost (the command applied, the reply never came) finds
     * its own status there and is written again, instead of taking the request for another's.
     */
    private static Document claimedBy(InFlightRequest request, String statusJson) {
        return new Document("_id", request.requestId()).append("origin", request.attempt().origin())
                .append("$or", List.of(new Document("state", DeliveryState.SENDING.name()),
                        new Document("statusJson", statusJson)));
    }

    /** A record's write to a request it holds in {@code SENDING}. */
    private record ClaimedWrite(Document filter, Document update) {
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
