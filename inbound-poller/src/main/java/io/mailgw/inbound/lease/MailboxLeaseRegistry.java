package io.mailgw.inbound.lease;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.mailgw.inbound.InboundPollerProperties;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Shares the mailboxes among the running pollers through leases in MongoDB, each with a fencing
 * token. Every round ({@link #roundInterval()}, a sixth of the lease period) a poller writes its
 * heartbeat ({@code inbound_pollers}), renews all its leases in one write, counts the live pollers
 * and takes or gives back leases until it holds its fair share, {@code ceil(mailboxes / pollers)}.
 * So an idle poller writes twice a round whatever it holds, never once per mailbox.
 * <p>
 * A lease and a heartbeat last two thirds of the lease period from their last write: a killed
 * poller's mailboxes are free at most that long after it died and taken at the next round, within
 * the lease period; a new poller is counted at the others' next round and gets its share at its
 * own next one. A claim is one atomic find-and-modify (upsert) that matches only a free or expired
 * lease and raises its token; lease documents are never deleted, so a token never repeats. Expiry
 * times come from each poller's clock: hosts must keep their clocks in sync well within a round.
 */
@Component
public class MailboxLeaseRegistry {

    static final String LEASES = "inbound_leases";
    static final String POLLERS = "inbound_pollers";

    private static final Logger log = LoggerFactory.getLogger(MailboxLeaseRegistry.class);

    private final MongoOperations mongo;
    private final Clock clock;
    private final Duration period;
    private final String owner;
    private final MeterRegistry meters;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    @Autowired
    MailboxLeaseRegistry(MongoOperations mongo, Clock clock, InboundPollerProperties properties, MeterRegistry meters) {
        this(mongo, clock, properties.leasePeriod(), ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8), meters);
    }

    MailboxLeaseRegistry(MongoOperations mongo, Clock clock, Duration period, String owner, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.period = period;
        this.owner = owner;
        this.meters = meters;
    }

    /** This poller instance, as written in its leases. */
    public String owner() {
        return owner;
    }

    /** How often {@link #rebalance} must run: a sixth of the lease period (5 s by default). */
    public Duration roundInterval() {
        return period.dividedBy(6);
    }

    /**
     * One round: heartbeat, renewal, then claims or releases towards this poller's fair share.
     *
     * @param enabled the mailboxes to share, all enabled inbound ones
     * @param busy    mailboxes that must not be given back now (a poll is running)
     */
    public LeaseChanges rebalance(Set<String> enabled, Predicate<String> busy) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity());
        mongo.upsert(Query.query(Criteria.where("_id").is(owner)), new Update().set("expiresAt", expiresAt)
                .setOnInsert("startedAt", now), POLLERS);
        Set<String> lost = renew(expiresAt);
        long pollers = Math.max(1, mongo.count(Query.query(Criteria.where("expiresAt").gt(now)), POLLERS));
        int share = (int) ((enabled.size() + pollers - 1) / pollers);
        List<String> holding = held.keySet().stream().filter(enabled::contains).sorted().toList();
        Set<String> released = new HashSet<>();
        List<Lease> claimed = List.of();
        if (holding.size() > share) {
            holding.stream().filter(busy.negate()).limit(holding.size() - share).forEach(id -> {
                release(id);
                released.add(id);
            });
        }
        else if (holding.size() < share) {
            claimed = claimFree(enabled, share - holding.size(), now, expiresAt);
        }
        count("claimed", claimed.size());
        count("released", released.size());
        count("lost", lost.size());
        if (!claimed.isEmpty() || !released.isEmpty() || !lost.isEmpty()) {
            log.info("Leases of {}: {} poller(s) share {} mailbox(es), {} each at most; claimed {}, gave back {}, "
                    + "lost {}; holding {}", owner, pollers, enabled.size(), share, claimed.size(), released.size(),
                    lost.size(), held.size());
        }
        return new LeaseChanges(claimed, released, lost);
    }

    /** The lease this poller holds on the mailbox, by its own record, while it is safely within its time. */
    public Optional<Lease> lease(String mailboxId) {
        Held lease = held.get(mailboxId);
        Instant safeUntil = lease == null ? Instant.MIN : lease.expiresAt().minus(roundInterval());
        return safeUntil.isAfter(clock.instant()) ? Optional.of(lease.lease()) : Optional.empty();
    }

    /** Whether this poller holds the mailbox's lease now, with a round's margin before it expires. */
    public boolean holds(String mailboxId) {
        return lease(mailboxId).isPresent();
    }

    /** The mailboxes whose lease this poller holds or held last. */
    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    /** Gives the mailbox back at once, for example when it was disabled; its token stays for the next holder. */
    public void release(String mailboxId) {
        held.remove(mailboxId);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(mailboxId).and("owner").is(owner)),
                new Update().unset("owner").set("expiresAt", clock.instant()), LEASES);
    }

    /** Gives every lease back and leaves the pollers' list, at shutdown, so others take over at their next round. */
    public void releaseAll() {
        held().forEach(this::release);
        mongo.remove(Query.query(Criteria.where("_id").is(owner)), POLLERS);
    }

    private Duration validity() {
        return period.multipliedBy(2).dividedBy(3);
    }

    /** Renews every held lease in one write; returns those found in another poller's hands. */
    private Set<String> renew(Instant expiresAt) {
        if (held.isEmpty()) {
            return Set.of();
        }
        Set<String> mine = new HashSet<>(held.keySet());
        long renewed = mongo.updateMulti(Query.query(Criteria.where("_id").in(mine).and("owner").is(owner)),
                new Update().set("expiresAt", expiresAt), LEASES).getMatchedCount();
        if (renewed < mine.size()) {
            Set<String> still = mongo.find(Query.query(Criteria.where("owner").is(owner)), LeaseDocument.class, LEASES)
                    .stream().map(LeaseDocument::mailboxId).collect(Collectors.toSet());
            Set<String> lost = new HashSet<>(mine);
            lost.removeAll(still);
            lost.forEach(held::remove);
            mine.removeAll(lost);
            lost.forEach(id -> log.warn("Lease of mailbox {} was taken over by another poller; this one stops "
                    + "reading it", id));
            mine.forEach(id -> held.computeIfPresent(id, (key, lease) -> new Held(lease.lease(), expiresAt)));
            return lost;
        }
        mine.forEach(id -> held.computeIfPresent(id, (key, lease) -> new Held(lease.lease(), expiresAt)));
        return Set.of();
    }

    private List<Lease> claimFree(Set<String> enabled, int wanted, Instant now, Instant expiresAt) {
        Set<String> taken = mongo.find(Query.query(Criteria.where("owner").ne(null).and("expiresAt").gt(now)),
                LeaseDocument.class, LEASES).stream().map(LeaseDocument::mailboxId).collect(Collectors.toSet());
        List<String> free = new ArrayList<>(enabled);
        free.removeAll(taken);
        free.removeAll(held.keySet());
        // pollers that start together try the free mailboxes in different orders, and so collide rarely
        Collections.shuffle(free);
        List<Lease> claimed = new ArrayList<>();
        for (String mailboxId : free) {
            if (claimed.size() >= wanted) {
                break;
            }
            claim(mailboxId, now, expiresAt).ifPresent(claimed::add);
        }
        return claimed;
    }

    private Optional<Lease> claim(String mailboxId, Instant now, Instant expiresAt) {
        Query freeOrExpired = Query.query(Criteria.where("_id").is(mailboxId)
                .orOperator(Criteria.where("owner").is(null), Criteria.where("expiresAt").lte(now)));
        Update take = new Update().set("owner", owner).set("expiresAt", expiresAt).inc("token", 1);
        try {
            LeaseDocument taken = mongo.findAndModify(freeOrExpired, take,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), LeaseDocument.class, LEASES);
            Lease lease = new Lease(mailboxId, taken.token());
            held.put(mailboxId, new Held(lease, expiresAt));
            return Optional.of(lease);
        }
        catch (DuplicateKeyException ex) {
            return Optional.empty();
        }
    }

    private void count(String change, int moves) {
        if (moves > 0) {
            meters.counter("mailgw.inbound.lease.moves", "change", change).increment(moves);
        }
    }

    private record Held(Lease lease, Instant expiresAt) {
    }
}
