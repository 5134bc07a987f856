package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.EventJson;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code deliveries} collection. Every write is one atomic upsert that never touches a record
 * that has already ended, so two senders racing on one request cannot overwrite a final outcome.
 */
@Component
class DeliveryLedger {

    private static final List<Status> FINAL = List.of(Status.SENT, Status.FAILED, Status.REJECTED);

    private final MongoOperations mongo;
    private final Clock clock;

    DeliveryLedger(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Optional<Delivery> find(String requestId) {
        return Optional.ofNullable(mongo.findById(requestId, Delivery.class));
    }

    /**
     * Stores {@code status} as the request's latest, not yet published.
     *
     * @return the stored record, or empty when the request had already ended
     */
    Optional<Delivery> store(DeliveryStatus status, String origin) {
        Instant now = clock.instant();
        Query open = Query.query(Criteria.where("_id").is(status.requestId()).and("status").nin(FINAL));
        Update update = new Update()
                .set("status", status.status())
                .set("attempt", status.attempt())
                .set("messageId", status.messageId())
                .set("errorCode", status.error() == null ? null : status.error().code())
                .set("errorMessage", status.error() == null ? null : status.error().message())
                .set("statusJson", EventJson.write(status))
                .set("origin", origin)
                .set("published", false)
                .set("updatedAt", now)
                .setOnInsert("createdAt", now);
        try {
            mongo.upsert(open, update, Delivery.class);
        }
        catch (DuplicateKeyException alreadyEnded) {
            return Optional.empty();
        }
        return find(status.requestId());
    }

    /** Marks the latest status as acknowledged by Kafka, unless a newer one replaced it meanwhile. */
    void markPublished(Delivery delivery) {
        Query same = Query.query(Criteria.where("_id").is(delivery.requestId())
                .and("status").is(delivery.status()).and("attempt").is(delivery.attempt()));
        mongo.updateFirst(same, new Update().set("published", true).set("updatedAt", clock.instant()), Delivery.class);
    }
}
