package io.mailgw.inbound.checkpoint;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and moves checkpoints with single-document atomic writes only (no transactions, so that
 * the embedded wire server and any MongoDB behave alike). One poller at a time holds a mailbox's
 * lease, so no two writers race on one document.
 */
@Component
public class CheckpointStore {

    static final String COLLECTION = "inbound_checkpoints";

    private final MongoOperations mongo;
    private final Clock clock;

    CheckpointStore(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The IMAP checkpoint of the mailbox, when it belongs to {@code source}. */
    public Optional<ImapCheckpoint> imap(String mailboxId, String source) {
        return Optional.ofNullable(mongo.findOne(bySource(mailboxId, source), ImapCheckpoint.class, COLLECTION));
    }

    public void moveImap(String mailboxId, String source, long uidValidity, long lastUid) {
        mongo.save(new ImapCheckpoint(mailboxId, source, uidValidity, lastUid, clock.instant()), COLLECTION);
    }

    /** The POP3 checkpoint of the mailbox, when it belongs to {@code source}. */
    public Optional<Pop3Checkpoint> pop3(String mailboxId, String source) {
        return Optional.ofNullable(mongo.findOne(bySource(mailboxId, source), Pop3Checkpoint.class, COLLECTION));
    }

    /** Starts the POP3 checkpoint afresh with these UIDLs counted as handled. */
    public void startPop3(String mailboxId, String source, Collection<String> uidls) {
        mongo.save(new Pop3Checkpoint(mailboxId, source, List.copyOf(uidls), clock.instant()), COLLECTION);
    }

    /** Counts one more POP3 message as handled ({@code $addToSet}, so a replay is harmless). */
    public void addPop3(String mailboxId, String source, String uidl) {
        mongo.upsert(byId(mailboxId), new Update().set("source", source).addToSet("uidls", uidl)
                .set("updatedAt", clock.instant()), COLLECTION);
    }

    /** Forgets UIDLs that are no longer on the server, so the document does not grow forever. */
    public void forgetPop3(String mailboxId, Collection<String> uidls) {
        if (!uidls.isEmpty()) {
            mongo.updateFirst(byId(mailboxId), new Update().pullAll("uidls", uidls.toArray())
                    .set("updatedAt", clock.instant()), COLLECTION);
        }
    }

    private static Query byId(String mailboxId) {
        return Query.query(Criteria.where("_id").is(mailboxId));
    }

    private static Query bySource(String mailboxId, String source) {
        return Query.query(Criteria.where("_id").is(mailboxId).and("source").is(source));
    }
}
