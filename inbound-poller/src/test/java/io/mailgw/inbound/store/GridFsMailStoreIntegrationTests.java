package io.mailgw.inbound.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.model.GridFSFile;
import io.mailgw.inbound.InboundProperties;
import io.mailgw.inbound.raw.RawMessage;
import io.mailgw.inbound.raw.RawSpool;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw messages and attachments written in bulk in the GridFS layout, read back by Spring's GridFS reader. */
class GridFsMailStoreIntegrationTests {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static GridFsTemplate gridFs;

    @TempDir
    Path spoolDir;

    private GridFsMailStore store;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("inbound-gridfs-tests"));
        mongo = new MongoTemplate(client, "inbound-gridfs-tests");
        gridFs = new GridFsTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyBucket() {
        mongo.dropCollection("fs.files");
        mongo.dropCollection("fs.chunks");
        store = store(NOW);
        store.afterPropertiesSet();
    }

    @Test
    void aBatchIsStoredInTwoInsertsAndReadBackByAnyGridFsReader() throws Exception {
        byte[] first = "Subject: uno\r\n\r\nhola\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = new byte[600 * 1024];
        new Random(3).nextBytes(second);

        List<String> ids = store.storeRaw("mbx-1", List.of(new GridFsMailStore.Raw("mbx-1:1:1", RawMessage.of(first)),
                new GridFsMailStore.Raw("mbx-1:1:2", RawMessage.of(second))));

        assertThat(read(ids.get(0))).isEqualTo(first);
        assertThat(read(ids.get(1))).isEqualTo(second);
        GridFSFile file = gridFs.findOne(Query.query(Criteria.where("filename").is("mbx-1:1:2/raw.eml")));
        assertThat(file.getObjectId().toHexString()).isEqualTo(ids.get(1));
        assertThat(file.getMetadata()).containsEntry("eventId", "mbx-1:1:2").containsEntry("mailboxId", "mbx-1");
        assertThat(mongo.getCollection("fs.chunks").countDocuments()).isEqualTo(1 + 3);
    }

    @Test
    void storingTheSameEventAgainKeepsOneCopyUnderTheSameId() throws Exception {
        byte[] raw = "Subject: dos veces\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

        String first = store.storeRaw("mbx-1", List.of(new GridFsMailStore.Raw("mbx-1:1:7", RawMessage.of(raw)))).get(0);
        String again = store.storeRaw("mbx-1", List.of(new GridFsMailStore.Raw("mbx-1:1:7", RawMessage.of(raw)))).get(0);

        assertThat(again).isEqualTo(first);
        assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(1);
        assertThat(mongo.getCollection("fs.chunks").countDocuments()).isEqualTo(1);
    }

    @Test
    void aSpooledMessageStreamsInChunks() throws Exception {
        byte[] large = new byte[2 * 1024 * 1024 + 5];
        new Random(5).nextBytes(large);
        RawSpool spool = new RawSpool(spoolDir, 1024);
        RawSpool.Writer writer = spool.writer(large.length);
        writer.write(large, 0, large.length);

        try (RawMessage raw = writer.finish()) {
            assertThat(raw.inMemory()).isFalse();
            String id = store.storeRaw("mbx-1", List.of(new GridFsMailStore.Raw("mbx-1:1:9", raw))).get(0);
            assertThat(read(id)).isEqualTo(large);
        }
    }

    @Test
    void anAttachmentStreamsUnderItsKey() throws Exception {
        byte[] content = "%PDF-1.4 factura".getBytes(StandardCharsets.US_ASCII);

        String id = store.store("mbx-1:1:3/attachment-1", "factura.pdf", "application/pdf",
                new ByteArrayInputStream(content));

        assertThat(read(id)).isEqualTo(content);
        assertThat(gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id)))).getMetadata())
                .containsEntry("fileName", "factura.pdf");
    }

    @Test
    void theSweepRemovesFilesOlderThanTheRetentionWithTheirChunks() throws Exception {
        GridFsMailStore monthAgo = store(NOW.minus(Duration.ofDays(31)));
        monthAgo.storeRaw("mbx-1", List.of(new GridFsMailStore.Raw("mbx-1:1:1", RawMessage.of(new byte[10]))));
        String kept = store.storeRaw("mbx-1", List.of(new GridFsMailStore.Raw("mbx-1:1:2", RawMessage.of(new byte[10]))))
                .get(0);

        store.sweep();

        assertThat(mongo.getCollection("fs.files").find().map(document -> document.getObjectId("_id").toHexString())
                .into(new java.util.ArrayList<>())).containsExactly(kept);
        assertThat(mongo.getCollection("fs.chunks").countDocuments(new Document("files_id", new ObjectId(kept))))
                .isEqualTo(1);
        assertThat(mongo.getCollection("fs.chunks").countDocuments()).isEqualTo(1);
    }

    private static GridFsMailStore store(Instant now) {
        return new GridFsMailStore(mongo, Clock.fixed(now, ZoneOffset.UTC), InboundProperties.with(Map.of()));
    }

    private static byte[] read(String id) throws Exception {
        GridFSFile file = gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id))));
        try (InputStream in = gridFs.getResource(file).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
