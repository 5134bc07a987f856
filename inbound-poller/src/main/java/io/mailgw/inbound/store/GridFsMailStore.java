package io.mailgw.inbound.store;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import com.mongodb.client.gridfs.model.GridFSFile;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.parse.BlobStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsOperations;
import org.springframework.stereotype.Component;

/**
 * Keeps blobs in GridFS under a deterministic file name (the event id, then {@code /raw.eml} or
 * {@code /attachment-N}), so that replaying a message finds its first copy instead of storing
 * another. The original file name and the mailbox go into the metadata. Blobs older than the
 * retention period ({@code mailgw.inbound.raw-retention}) are removed by {@link #sweep()}.
 */
@Component
public class GridFsMailStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(GridFsMailStore.class);

    private final GridFsOperations gridFs;
    private final Clock clock;
    private final Duration retention;

    GridFsMailStore(GridFsOperations gridFs, Clock clock, InboundPollerProperties properties) {
        this.gridFs = gridFs;
        this.clock = clock;
        this.retention = properties.rawRetention();
    }

    /** Keeps the raw RFC 822 bytes of a message, returning the blob id for {@code rawBlobId}. */
    public String storeRaw(String eventId, String mailboxId, byte[] raw) {
        return storeOnce(eventId + "/raw.eml", new Document("kind", "raw").append("eventId", eventId)
                .append("mailboxId", mailboxId), "message/rfc822", raw);
    }

    @Override
    public String store(String key, String fileName, String contentType, byte[] content) {
        return storeOnce(key, new Document("kind", "attachment").append("fileName", fileName), contentType, content);
    }

    /** Removes the blobs older than the retention period. */
    public void sweep() {
        Date before = Date.from(clock.instant().minus(retention));
        gridFs.delete(Query.query(Criteria.where("uploadDate").lt(before)));
        log.debug("Removed raw messages and attachments stored before {}", before.toInstant());
    }

    private String storeOnce(String key, Document metadata, String contentType, byte[] content) {
        GridFSFile existing = gridFs.find(Query.query(Criteria.where("filename").is(key))).first();
        if (existing != null) {
            return existing.getObjectId().toHexString();
        }
        return gridFs.store(new ByteArrayInputStream(content), key, contentType, metadata).toHexString();
    }
}
