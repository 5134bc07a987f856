package io.mailgw.inbound.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.lease.Lease;
import io.mailgw.inbound.lease.LeaseLostException;
import org.bson.Document;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Where each mailbox's reading stands, with single-document atomic writes only (no transactions,
 * so that the embedded wire server and any MongoDB behave alike): {@code inbound_checkpoints} (one
 * document per mailbox, fenced by the lease token), {@code inbound_pop3_uidls} (one document per
 * handled POP3 message) and {@code inbound_fingerprints} (the fingerprints of a published IMAP
 * batch, one document per batch, kept for the raw retention period, swept by {@link #sweep()}).
 */
@Component
public class CheckpointStore implements InitializingBean {

    static final String CHECKPOINTS = "inbound_checkpoints";
    static final String POP3_UIDLS = "inbound_pop3_uidls";
    static final String FINGERPRINTS = "inbound_fingerprints";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoOperations mongo;
    private final Clock clock;
    private final Duration retention;

    CheckpointStore(MongoOperations mongo, Clock clock, InboundPollerProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = properties.rawRetention();
    }

    @Override
    public void afterPropertiesSet() {
        mongo.getCollection(POP3_UIDLS).createIndex(Indexes.ascending("mailboxId"), new IndexOptions().name("mailboxId"));
        mongo.getCollection(FINGERPRINTS).createIndex(Indexes.ascending("at"), new IndexOptions().name("at"));
        mongo.getCollection(FINGERPRINTS).createIndex(Indexes.ascending("mailboxId", "keys"),
                new IndexOptions().name("mailboxId_keys"));
    }

    /**
     * The mailbox's checkpoint under a lease just claimed: its fence is raised to the lease's token
     * first, so that from now on no holder of an older lease can write it.
     *
     * @throws LeaseLostException when a newer lease fenced it already
     */
    public MailboxCheckpoint open(Lease lease) {
        Document fenced = mongo.findAndModify(Query.query(Criteria.where("_id").is(lease.mailboxId())),
                new Update().max("fence", lease.token()).setOnInsert("createdAt", Date.from(clock.instant())),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, CHECKPOINTS);
        Object fence = fenced == null ? null : fenced.get("fence");
        if (fence instanceof Number number && number.longValue() > lease.token()) {
            throw new LeaseLostException(lease);
        }
        return new MailboxCheckpoint(mongo, clock, lease);
    }

    /** Removes the fingerprints older than the retention period. */
    public void sweep() {
        mongo.getCollection(FINGERPRINTS).deleteMany(Filters.lt("at", Date.from(clock.instant().minus(retention))));
    }

    /** Inserts all, in one unordered write; documents already there (a replay) are left as they are. */
    static void insertIgnoringDuplicates(MongoOperations mongo, String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
        }
        catch (MongoBulkWriteException ex) {
            if (ex.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)
                    || ex.getWriteConcernError() != null) {
                throw ex;
            }
        }
    }
}
