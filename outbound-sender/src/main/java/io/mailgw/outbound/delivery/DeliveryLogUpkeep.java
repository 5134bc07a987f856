package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Duration;

import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.outbound.OutboundProperties;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery log in shape: at start, records of the first shape (a {@code status} field)
 * get their state under its new name, so an ended request stays ended across the upgrade; and
 * every {@code retention-sweep}, ended requests unchanged for {@code retention} are removed (the
 * embedded MongoDB enforces no TTL index, so the sweep is the one rule everywhere).
 */
@Component
class DeliveryLogUpkeep implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogUpkeep.class);

    private final DeliveryLedger ledger;
    private final MongoOperations mongo;
    private final Duration retention;
    private final Clock clock;

    DeliveryLogUpkeep(DeliveryLedger ledger, MongoOperations mongo, OutboundProperties properties, Clock clock) {
        this.ledger = ledger;
        this.mongo = mongo;
        this.retention = properties.retention();
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        long moved = mongo.getCollection(DeliveryRecord.COLLECTION).updateMany(
                new Document("state", new Document("$exists", false)).append("status", new Document("$exists", true)),
                new Document("$rename", new Document("status", "state"))).getModifiedCount();
        if (moved > 0) {
            log.info("Moved {} delivery record(s) of the first shape to the current one", moved);
        }
    }

    @Scheduled(fixedDelayString = "${mailgw.outbound.retention-sweep:1h}", initialDelayString = "PT1M")
    void sweep() {
        try {
            long removed = ledger.sweep(clock.instant().minus(retention));
            if (removed > 0) {
                log.info("Removed {} delivery record(s) older than {} days", removed, retention.toDays());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Removing expired delivery records failed ({}); next try in an hour", ex.getMessage());
        }
    }
}
