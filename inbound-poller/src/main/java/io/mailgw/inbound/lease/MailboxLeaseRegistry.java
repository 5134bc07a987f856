package io.mailgw.inbound.lease;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.mailgw.inbound.InboundPollerProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Claims, renews and releases mailbox leases. A claim is one atomic find-and-modify with upsert
 * that matches only a lease this poller holds or one that has expired; when another poller holds
 * it, the upsert hits the unique {@code _id} and the claim fails. A dead poller's mailboxes are
 * therefore free one lease period after its last renewal. Expiry times come from each poller's
 * clock, so hosts must keep their clocks in sync (well within a lease period).
 */
@Component
public class MailboxLeaseRegistry {

    static final String COLLECTION = "inbound_leases";

    private static final Logger log = LoggerFactory.getLogger(MailboxLeaseRegistry.class);

    private final MongoOperations mongo;
    private final Clock clock;
    private final Duration period;
    private final String owner;
    private final Map<String, Instant> held = new ConcurrentHashMap<>();

    @Autowired
    MailboxLeaseRegistry(MongoOperations mongo, Clock clock, InboundPollerProperties properties) {
        this(mongo, clock, properties.leasePeriod(), ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    MailboxLeaseRegistry(MongoOperations mongo, Clock clock, Duration period, String owner) {
        this.mongo = mongo;
        this.clock = clock;
        this.period = period;
        this.owner = owner;
    }

    /** This poller instance, as written in its leases. */
    public String owner() {
        return owner;
    }

    /**
     * Takes the mailbox's lease when it is free or expired, or renews it when this poller holds it.
     *
     * @return whether this poller now holds it for a lease period
     */
    public boolean claim(String mailboxId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(period);
        Query mineOrExpired = Query.query(Criteria.where("_id").is(mailboxId)
                .orOperator(Criteria.where("owner").is(owner), Criteria.where("expiresAt").lt(now)));
        Update update = new Update().set("owner", owner).set("expiresAt", expiresAt);
        try {
            mongo.findAndModify(mineOrExpired, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    MailboxLease.class, COLLECTION);
            held.put(mailboxId, expiresAt);
            return true;
        }
        catch (DuplicateKeyException ex) {
            if (held.remove(mailboxId) != null) {
                log.warn("Lease of mailbox {} was taken over by another poller; this one stops reading it", mailboxId);
            }
            return false;
        }
    }

    /** Whether this poller holds the mailbox's lease now, by its own record of the last claim. */
    public boolean holds(String mailboxId) {
        Instant expiresAt = held.get(mailboxId);
        return expiresAt != null && expiresAt.isAfter(clock.instant());
    }

    /** The mailboxes whose lease this poller holds or held last. */
    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    /** Renews every held lease that is past half its period, so a quiet mailbox stays with its poller. */
    public void renewDue() {
        Instant halfway = clock.instant().plus(period.dividedBy(2));
        held.forEach((mailboxId, expiresAt) -> {
            if (expiresAt.isBefore(halfway)) {
                claim(mailboxId);
            }
        });
    }

    /** Gives the mailbox back at once, for example when it was disabled. */
    public void release(String mailboxId) {
        held.remove(mailboxId);
        mongo.remove(Query.query(Criteria.where("_id").is(mailboxId).and("owner").is(owner)), COLLECTION);
    }

    /** Gives every held mailbox back, at shutdown, so other pollers take over without waiting. */
    public void releaseAll() {
        held().forEach(this::release);
    }
}
