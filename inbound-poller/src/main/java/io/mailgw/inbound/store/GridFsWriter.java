package io.mailgw.inbound.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.mailgw.inbound.raw.Sha256;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Writes files in the GridFS layout (bucket {@code fs}: a {@code fs.files} document, its content in
 * 255 KB {@code fs.chunks}), so that any GridFS reader finds them, but in bulk: the chunks of a whole
 * batch in one unordered insert and their file documents in another, a large file a few megabytes
 * per insert as it streams. A file is readable once its document is written, after its chunks. Every
 * id is derived from the file's key, so writing the same key again, after a crash or a replay, meets
 * duplicate keys that are ignored instead of storing a second copy.
 */
final class GridFsWriter {

    static final String FILES = "fs.files";
    static final String CHUNKS = "fs.chunks";
    static final int CHUNK_SIZE = 255 * 1024;
    private static final int CHUNKS_PER_INSERT = 16;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoOperations mongo;

    GridFsWriter(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The id of the file stored under {@code key}: the first 12 bytes of the key's SHA-256. */
    static ObjectId idOf(String key) {
        return new ObjectId(Arrays.copyOf(Sha256.digest().digest(key.getBytes(StandardCharsets.UTF_8)), 12));
    }

    /**
     * The id of the file number {@code sequence} of a group, such as the message of UID 42 in a folder:
     * 4 bytes of the group's SHA-256, then the number, so that the files of a group follow each other
     * in the index instead of landing anywhere in it.
     */
    static ObjectId idOf(String group, long sequence) {
        return new ObjectId(ByteBuffer.allocate(12).put(Sha256.digest().digest(group.getBytes(StandardCharsets.UTF_8)),
                0, 4).putLong(sequence).array());
    }

    /** The chunks of small files held in memory, all in one insert. */
    void writeChunks(List<SmallFile> files) {
        List<Document> chunks = new ArrayList<>();
        for (SmallFile file : files) {
            byte[] content = file.content();
            for (int n = 0; n * CHUNK_SIZE < content.length; n++) {
                int from = n * CHUNK_SIZE;
                chunks.add(chunk(file.id(), n, content.length <= CHUNK_SIZE ? content
                        : Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK_SIZE))));
            }
        }
        insertIgnoringDuplicates(CHUNKS, chunks);
    }

    /** The chunks of a file of any size, read from {@code content} a chunk at a time; returns its length. */
    long writeChunks(ObjectId id, InputStream content) throws IOException {
        List<Document> pending = new ArrayList<>();
        long length = 0;
        int n = 0;
        byte[] buffer = new byte[CHUNK_SIZE];
        int read;
        do {
            read = content.readNBytes(buffer, 0, CHUNK_SIZE);
            if (read > 0) {
                pending.add(chunk(id, n++, Arrays.copyOf(buffer, read)));
                length += read;
            }
            if (pending.size() == CHUNKS_PER_INSERT) {
                insertIgnoringDuplicates(CHUNKS, pending);
                pending = new ArrayList<>();
            }
        }
        while (read == CHUNK_SIZE);
        insertIgnoringDuplicates(CHUNKS, pending);
        return length;
    }

    /** The file documents that make written chunks a readable file, all in one insert. */
    void writeFiles(List<Document> files) {
        insertIgnoringDuplicates(FILES, files);
    }

    /** A file of any size, chunks then its document; nothing when the key is stored already. */
    void write(ObjectId id, String filename, Document metadata, InputStream content, Date uploadDate)
            throws IOException {
        if (mongo.getCollection(FILES).find(new Document("_id", id)).first() != null) {
            return;
        }
        long length = writeChunks(id, content);
        writeFiles(List.of(fileDocument(id, filename, metadata, length, uploadDate)));
    }

    /** A chunk; the first one shares its file's id (another collection), the others' derive from it. */
    private static Document chunk(ObjectId fileId, int n, byte[] data) {
        return new Document("_id", n == 0 ? fileId : idOf(fileId.toHexString() + "#" + n)).append("files_id", fileId)
                .append("n", n).append("data", new Binary(data));
    }

    static Document fileDocument(ObjectId id, String filename, Document metadata, long length, Date uploadDate) {
        return new Document("_id", id).append("length", length).append("chunkSize", CHUNK_SIZE)
                .append("uploadDate", uploadDate).append("filename", filename).append("metadata", metadata);
    }

    private void insertIgnoringDuplicates(String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        MongoCollection<Document> target = mongo.getCollection(collection);
        try {
            target.insertMany(documents, new InsertManyOptions().ordered(false));
        }
        catch (MongoBulkWriteException ex) {
            if (ex.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)
                    || ex.getWriteConcernError() != null) {
                throw ex;
            }
        }
    }

    /**
     * The content of a file held in memory.
     *
     * @param id derived from its key ({@link #idOf})
     */
    record SmallFile(ObjectId id, byte[] content) {
    }
}
