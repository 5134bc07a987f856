package io.mailgw.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire server answers queries that pin {@code _id} and add conditions (the delivery ledger's
 * and the leases' conditional writes) from the {@code _id} index, with every condition still
 * applied: on its file (H2) backend here, on its in-memory one in
 * {@link InMemoryMongoWireServerIntegrationTests}.
 */
class MongoWireServerIntegrationTests {

    @TempDir
    Path dir;

    MongoWireServer server;
    MongoClient client;
    MongoCollection<Document> deliveries;

    MongoWireServer newServer(int port) {
        return new MongoWireServer("127.0.0.1", port, dir.resolve("db.mv"));
    }

    @BeforeEach
    void start() throws Exception {
        server = newServer(freePort());
        server.start();
        connect();
        for (int i = 0; i < 50; i++) {
            deliveries.insertOne(new Document("_id", "r" + i).append("state", i % 2 == 0 ? "SENT" : "SENDING")
                    .append("origin", "o" + i));
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void changesTheDocumentWhoseIdAndConditionsMatch() {
        Document changed = deliveries.findOneAndUpdate(openFor("r1", "o1"), Updates.set("state", "RETRYING"),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));

        assertThat(changed).containsEntry("_id", "r1").containsEntry("state", "RETRYING");
        assertThat(deliveries.countDocuments(Filters.eq("state", "RETRYING"))).isEqualTo(1);
    }

    @Test
    void leavesTheDocumentAloneWhenItsIdMatchesButAConditionDoesNot() {
        assertThat(deliveries.findOneAndUpdate(openFor("r2", "o2"), Updates.set("state", "RETRYING"))).isNull();
        assertThat(deliveries.findOneAndUpdate(openFor("r3", "someone-else"), Updates.set("state", "RETRYING")))
                .isNull();

        assertThat(deliveries.find(Filters.in("_id", "r2", "r3")).map(d -> d.getString("state")).into(new ArrayList<>()))
                .containsExactly("SENT", "SENDING");
    }

    @Test
    void neverTakesAnotherDocumentThatMeetsTheConditions() {
        assertThat(deliveries.findOneAndUpdate(openFor("missing", "o1"), Updates.set("state", "RETRYING"))).isNull();

        assertThat(deliveries.find(Filters.eq("_id", "r1")).first()).containsEntry("state", "SENDING");
    }

    @Test
    void anUpsertOnATakenIdIsRefusedAsADuplicateKey() {
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true);

        Document inserted = deliveries.findOneAndUpdate(openFor("new", "o-new"), Updates.set("state", "SENDING"),
                upsert.returnDocument(ReturnDocument.AFTER));

        assertThat(inserted).containsEntry("_id", "new").containsEntry("state", "SENDING");
        assertThatThrownBy(() -> deliveries.findOneAndUpdate(openFor("r4", "o-other"), Updates.set("state", "SENDING"),
                upsert)).isInstanceOf(MongoCommandException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void keepsWhatWasWrittenAcrossARestart() throws Exception {
        deliveries.updateOne(openFor("r5", "o5"), Updates.set("state", "SENT"));
        client.close();
        server.stop();

        server.start();
        connect();

        assertThat(deliveries.countDocuments()).isEqualTo(50);
        assertThat(deliveries.find(openFor("r7", "o7")).first()).containsEntry("state", "SENDING");
        assertThat(deliveries.find(Filters.eq("_id", "r5")).first()).containsEntry("state", "SENT");
    }

    void connect() {
        client = MongoClients.create(server.uri("test"));
        deliveries = client.getDatabase("test").getCollection("deliveries");
    }

    /** The delivery ledger's shape, as Spring Data writes it: this id, while open, and only for its origin. */
    private static Bson openFor(String id, String origin) {
        return new Document("_id", id).append("state", new Document("$nin", List.of("SENT", "FAILED")))
                .append("$or", List.of(new Document("origin", origin), new Document("ticket", "t-" + origin)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
