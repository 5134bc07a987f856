package io.mailgw.inbound.checkpoint;

import java.time.Clock;
import java.util.Date;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.mailgw.inbound.lease.Lease;
import io.mailgw.inbound.lease.LeaseLostException;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The checkpoint of one mailbox, written under one lease: every write matches only while the
 * document's fence is not above this lease's token, and raises it to the token. A poller that lost
 * the lease, however long it was paused, can therefore neither move the checkpoint nor any other
 * part of it; an IMAP checkpoint moves up only ({@code $max}), never back.
 */
public final class MailboxCheckpoint {

    private final MongoOperations mongo;
    private final Clock clock;
    private final Lease lease;

    MailboxCheckpoint(MongoOperations mongo, Clock clock, Lease lease) {
        this.mongo = mongo;
        this.clock = clock;
        this.lease = lease;
    }

    public Lease lease() {
        return lease;
    }

    /** How far the folder was read, when the checkpoint belongs to {@code source} (account and folder). */
    public Optional<ImapState> imap(String source) {
        Document checkpoint = read();
        if (checkpoint == null || !source.equals(checkpoint.getString("source")) || !checkpoint.containsKey("lastUid")) {
            return Optional.empty();
        }
        return Optional.of(new ImapState(number(checkpoint, "uidValidity"), number(checkpoint, "lastUid"),
                number(checkpoint, "resyncUpTo")));
    }

    /** Starts reading {@code source} at {@code state}: the first time, or after its UIDVALIDITY changed. */
    public void startImap(String source, ImapState state) {
        write(mine(), new Update().set("source", source).set("uidValidity", state.uidValidity())
                .set("lastUid", state.lastUid()).set("resyncUpTo", state.resyncUpTo()));
    }

    /**
     * The POP3 messages handled of {@code source} (an account), or empty when the checkpoint is new or
     * belonged to another account; that one's messages are forgotten then.
     */
    public Optional<Set<String>> pop3(String source) {
        Document checkpoint = read();
        if (checkpoint == null || !source.equals(checkpoint.getString("source"))) {
            mongo.remove(Query.query(Criteria.where("mailboxId").is(lease.mailboxId())), CheckpointStore.POP3_UIDLS);
            write(mine(), new Update().set("source", source).unset("uidls").unset("lastUid").unset("uidValidity"));
            return Optional.empty();
        }
        List<?> legacy = checkpoint.getList("uidls", Object.class);
        if (legacy != null && !legacy.isEmpty()) {
            insertUidls(legacy.stream().map(String::valueOf).toList());
            write(mine(), new Update().unset("uidls"));
        }
        return Optional.of(mongo.find(Query.query(Criteria.where("mailboxId").is(lease.mailboxId())), Document.class,
                CheckpointStore.POP3_UIDLS).stream().map(document -> document.getString("uidl"))
                .collect(Collectors.toCollection(HashSet::new)));
    }

    /** Forgets POP3 messages that left the server, so that the store does not grow for ever. */
    public void forgetPop3(Collection<String> uidls) {
        if (!uidls.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(uidls.stream().map(this::uidlId).toList())),
                    CheckpointStore.POP3_UIDLS);
        }
    }

    /**
     * Counts the batch as handled, once Kafka acknowledged it: for IMAP the last UID moves up to its
     * highest and the fingerprints are kept; for POP3 one document per UIDL is added (each write
     * O(1), no size limit). Clears the count of read attempts.
     *
     * @throws LeaseLostException when another poller holds the mailbox now; nothing moved
     */
    public void advance(List<Position> handled, List<Fingerprint> fingerprints) {
        if (handled.isEmpty()) {
            return;
        }
        if (!fingerprints.isEmpty()) {
            // one document per batch: a write per batch, not per message
            CheckpointStore.insertIgnoringDuplicates(mongo, CheckpointStore.FINGERPRINTS, List.of(new Document("_id",
                    lease.mailboxId() + "/" + handled.get(0).key()).append("mailboxId", lease.mailboxId())
                    .append("keys", fingerprints.stream().map(Fingerprint::key).toList())
                    .append("at", Date.from(clock.instant()))));
        }
        Update clear = new Update().unset("attemptAt").unset("attempts");
        if (handled.get(0) instanceof Position.Imap first) {
            long lastUid = handled.stream().mapToLong(position -> ((Position.Imap) position).uid()).max().orElseThrow();
            write(mine().addCriteria(Criteria.where("uidValidity").is(first.uidValidity())),
                    clear.max("lastUid", lastUid));
        }
        else {
            write(mine(), clear);
            insertUidls(handled.stream().map(position -> ((Position.Pop3) position).uidl()).toList());
        }
    }

    /** Which of these fingerprints belong to messages of this mailbox published before. */
    public Set<Fingerprint> known(Collection<Fingerprint> fingerprints) {
        if (fingerprints.isEmpty()) {
            return Set.of();
        }
        List<String> asked = fingerprints.stream().map(Fingerprint::key).toList();
        Set<String> found = mongo.find(Query.query(Criteria.where("mailboxId").is(lease.mailboxId()).and("keys").in(asked)),
                Document.class, CheckpointStore.FINGERPRINTS).stream()
                .flatMap(document -> document.getList("keys", String.class).stream()).collect(Collectors.toSet());
        return fingerprints.stream().filter(fingerprint -> found.contains(fingerprint.key())).collect(Collectors.toSet());
    }

    /**
     * Counts one more attempt to read the message at {@code position}: the checkpoint keeps the count
     * across polls and restarts, until the message is handled.
     *
     * @return the attempts so far, this one included
     */
    public int attempt(Position position) {
        Document checkpoint = read();
        int attempts = checkpoint != null && position.key().equals(checkpoint.getString("attemptAt"))
                ? checkpoint.getInteger("attempts", 0) + 1 : 1;
        write(mine(), new Update().set("attemptAt", position.key()).set("attempts", attempts));
        return attempts;
    }

    private Document read() {
        return mongo.findOne(Query.query(Criteria.where("_id").is(lease.mailboxId())), Document.class,
                CheckpointStore.CHECKPOINTS);
    }

    /** The checkpoint while no newer lease fenced it. */
    private Query mine() {
        return Query.query(Criteria.where("_id").is(lease.mailboxId()).and("fence").lte(lease.token()));
    }

    private void write(Query query, Update update) {
        long matched = mongo.updateFirst(query, update.set("fence", lease.token()).set("updatedAt", clock.instant()),
                CheckpointStore.CHECKPOINTS).getMatchedCount();
        if (matched == 0) {
            Document checkpoint = read();
            if (checkpoint == null || number(checkpoint, "fence") > lease.token()) {
                throw new LeaseLostException(lease);
            }
            throw new IllegalStateException("the checkpoint of mailbox " + lease.mailboxId()
                    + " was started afresh meanwhile (its UIDVALIDITY or account changed); the batch is read again");
        }
    }

    private void insertUidls(List<String> uidls) {
        CheckpointStore.insertIgnoringDuplicates(mongo, CheckpointStore.POP3_UIDLS, uidls.stream()
                .map(uidl -> new Document("_id", uidlId(uidl)).append("mailboxId", lease.mailboxId())
                        .append("uidl", uidl).append("at", Date.from(clock.instant()))).toList());
    }

    private String uidlId(String uidl) {
        return lease.mailboxId() + "/" + uidl;
    }

    private static long number(Document document, String key) {
        Object value = document.get(key);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
