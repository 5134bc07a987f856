package io.mailgw.inbound.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.parse.BlobStore;
import io.mailgw.inbound.raw.RawMessage;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Keeps raw messages and large attachments in GridFS (bucket {@code fs}), under ids derived from
 * deterministic keys (the event id, then {@code /raw.eml} or {@code /attachment-N}), so that a
 * replayed message finds its first copy. A batch's raw messages held in memory go in two inserts;
 * large ones and attachments stream. The raw file's metadata names its event and mailbox, which
 * config-service's raw-message endpoint looks it up by. Blobs older than the retention period
 * ({@code mailgw.inbound.raw-retention}) are removed by {@link #sweep()}: the embedded MongoDB
 * enforces no TTL, so this job does.
 */
@Component
public class GridFsMailStore implements BlobStore, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GridFsMailStore.class);
    private static final int SWEEP_PAGE = 1000;

    private final MongoOperations mongo;
    private final GridFsWriter writer;
    private final Clock clock;
    private final Duration retention;
    private final ExecutorService parallel;

    GridFsMailStore(MongoOperations mongo, Clock clock, InboundPollerProperties properties) {
        this.mongo = mongo;
        this.writer = new GridFsWriter(mongo);
        this.clock = clock;
        this.retention = properties.rawRetention();
        AtomicInteger threads = new AtomicInteger();
        this.parallel = Executors.newFixedThreadPool(properties.workers(), runnable -> {
            Thread thread = new Thread(runnable, "inbound-store-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        parallel.shutdownNow();
    }

    /**
     * The indexes of the GridFS layout, and one on the upload date for the sweep. Chunks are found by
     * file and number; uniqueness there comes from the chunks' ids, derived from their file's, so the
     * index need not check it on every insert (a unique one the driver made before is kept).
     */
    @Override
    public void afterPropertiesSet() {
        mongo.getCollection(GridFsWriter.FILES).createIndex(Indexes.ascending("filename", "uploadDate"),
                new IndexOptions().name("filename_1_uploadDate_1"));
        mongo.getCollection(GridFsWriter.FILES).createIndex(Indexes.ascending("uploadDate"),
                new IndexOptions().name("uploadDate_1"));
        Document chunksKey = new Document("files_id", 1).append("n", 1);
        boolean indexed = mongo.getCollection(GridFsWriter.CHUNKS).listIndexes().into(new ArrayList<>()).stream()
                .anyMatch(index -> chunksKey.equals(index.get("key", Document.class)));
        if (!indexed) {
            mongo.getCollection(GridFsWriter.CHUNKS).createIndex(chunksKey, new IndexOptions().name("files_id_1_n_1"));
        }
    }

    /**
     * Keeps the raw RFC 822 bytes of each message of a batch, before anything parses them.
     *
     * @return the blob ids for {@code rawBlobId}, in the order of {@code messages}
     */
    public List<String> storeRaw(String mailboxId, List<Raw> messages) {
        Date now = Date.from(clock.instant());
        List<GridFsWriter.SmallFile> small = new ArrayList<>();
        List<Document> files = new ArrayList<>(messages.size());
        for (Raw message : messages) {
            ObjectId id = message.folder() == null ? GridFsWriter.idOf(rawKey(message.eventId()))
                    : GridFsWriter.idOf(message.folder(), message.sequence());
            Document metadata = new Document("kind", "raw").append("eventId", message.eventId())
                    .append("mailboxId", mailboxId).append("_contentType", "message/rfc822");
            if (message.raw().inMemory()) {
                small.add(new GridFsWriter.SmallFile(id, message.raw().bytes()));
            }
            else {
                streamed(id, rawKey(message.eventId()), message.raw());
            }
            files.add(GridFsWriter.fileDocument(id, rawKey(message.eventId()), metadata, message.raw().size(), now));
        }
        // two collections, two connections: the file documents go in while the chunks do
        CompletableFuture<Void> described = CompletableFuture.runAsync(() -> writer.writeFiles(files), parallel);
        writer.writeChunks(small);
        join(described);
        return files.stream().map(file -> file.getObjectId("_id").toHexString()).toList();
    }

    @Override
    public String store(String key, String fileName, String contentType, InputStream content) throws IOException {
        ObjectId id = GridFsWriter.idOf(key);
        writer.write(id, key, new Document("kind", "attachment").append("fileName", fileName)
                .append("_contentType", contentType), content, Date.from(clock.instant()));
        return id.toHexString();
    }

    /** Removes the blobs older than the retention period, a page of files at a time. */
    public void sweep() {
        Date before = Date.from(clock.instant().minus(retention));
        long removed = 0;
        List<Object> ids;
        do {
            ids = mongo.getCollection(GridFsWriter.FILES).find(Filters.lt("uploadDate", before))
                    .projection(Projections.include("_id")).limit(SWEEP_PAGE)
                    .map(document -> document.get("_id")).into(new ArrayList<>());
            if (!ids.isEmpty()) {
                mongo.getCollection(GridFsWriter.CHUNKS).deleteMany(Filters.in("files_id", ids));
                mongo.getCollection(GridFsWriter.FILES).deleteMany(Filters.in("_id", ids));
                removed += ids.size();
            }
        }
        while (ids.size() == SWEEP_PAGE);
        log.debug("Removed {} raw message(s) and attachment(s) stored before {}", removed, before.toInstant());
    }

    private static void join(CompletableFuture<Void> write) {
        try {
            write.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    private void streamed(ObjectId id, String key, RawMessage raw) {
        try (InputStream in = raw.open()) {
            writer.writeChunks(id, in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Storing the raw message " + key + " failed", ex);
        }
    }

    private static String rawKey(String eventId) {
        return eventId + "/raw.eml";
    }

    /**
     * One message's raw bytes under its event id.
     *
     * @param folder   where messages are numbered in order (an IMAP folder under its UIDVALIDITY), or
     *                 {@code null}: their blobs then follow each other in the index
     * @param sequence the message's number there (its UID)
     */
    public record Raw(String eventId, RawMessage raw, String folder, long sequence) {

        public Raw(String eventId, RawMessage raw) {
            this(eventId, raw, null, 0);
        }
    }
}
