package io.mailgw.inbound.checkpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.inbound.InboundProperties;
import io.mailgw.inbound.lease.Lease;
import io.mailgw.inbound.lease.LeaseLostException;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checkpoints fenced by lease tokens, on the MongoDB wire server. */
class MailboxCheckpointIntegrationTests {

    private static final String SOURCE = "imap:desk@mail.example/INBOX";

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static CheckpointStore store;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("inbound-checkpoint-tests"));
        mongo = new MongoTemplate(client, "inbound-checkpoint-tests");
        store = new CheckpointStore(mongo, Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC),
                InboundProperties.with(Map.of()));
        store.afterPropertiesSet();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void empty() {
        List.of(CheckpointStore.CHECKPOINTS, CheckpointStore.POP3_UIDLS, CheckpointStore.FINGERPRINTS)
                .forEach(mongo::dropCollection);
    }

    @Test
    void aPausedFormerHolderCanNeitherMoveTheCheckpointNorWriteAnyPartOfIt() {
        MailboxCheckpoint former = store.open(new Lease("mbx-1", 1));
        former.startImap(SOURCE, new ImapState(7, 10, 0));
        MailboxCheckpoint current = store.open(new Lease("mbx-1", 2));

        assertThatThrownBy(() -> former.advance(List.of(new Position.Imap(7, 15)), List.of()))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> former.attempt(new Position.Imap(7, 11))).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> store.open(new Lease("mbx-1", 1))).isInstanceOf(LeaseLostException.class);
        assertThat(current.imap(SOURCE)).contains(new ImapState(7, 10, 0));

        current.advance(List.of(new Position.Imap(7, 12)), List.of());
        assertThat(current.imap(SOURCE)).contains(new ImapState(7, 12, 0));
    }

    @Test
    void theLastUidNeverMovesBack() {
        MailboxCheckpoint checkpoint = store.open(new Lease("mbx-1", 1));
        checkpoint.startImap(SOURCE, new ImapState(7, 0, 0));

        checkpoint.advance(List.of(new Position.Imap(7, 20), new Position.Imap(7, 21)), List.of());
        checkpoint.advance(List.of(new Position.Imap(7, 5)), List.of());

        assertThat(checkpoint.imap(SOURCE).orElseThrow().lastUid()).isEqualTo(21);
    }

    @Test
    void anotherAccountOrFolderStartsAfresh() {
        MailboxCheckpoint checkpoint = store.open(new Lease("mbx-1", 1));
        checkpoint.startImap(SOURCE, new ImapState(7, 20, 0));

        assertThat(checkpoint.imap("imap:desk@mail.example/Otros")).isEmpty();
    }

    @Test
    void pop3UidlsAreOneDocumentEachAndAnOldArrayIsMovedIntoThem() {
        mongo.save(new Document("_id", "mbx-pop").append("source", "pop3:desk@mail.example")
                .append("uidls", List.of("old-1", "old-2")), CheckpointStore.CHECKPOINTS);
        MailboxCheckpoint checkpoint = store.open(new Lease("mbx-pop", 1));

        assertThat(checkpoint.pop3("pop3:desk@mail.example")).contains(Set.of("old-1", "old-2"));
        checkpoint.advance(List.of(new Position.Pop3("new-3")), List.of());
        checkpoint.forgetPop3(List.of("old-1"));

        assertThat(checkpoint.pop3("pop3:desk@mail.example")).contains(Set.of("old-2", "new-3"));
        assertThat(mongo.findById("mbx-pop", Document.class, CheckpointStore.CHECKPOINTS)).doesNotContainKey("uidls");
        assertThat(mongo.count(Query.query(Criteria.where("mailboxId").is("mbx-pop")), CheckpointStore.POP3_UIDLS))
                .isEqualTo(2);
    }

    @Test
    void readAttemptsAreCountedPerMessageUntilItIsHandled() {
        MailboxCheckpoint checkpoint = store.open(new Lease("mbx-1", 1));
        checkpoint.startImap(SOURCE, new ImapState(7, 0, 0));

        assertThat(checkpoint.attempt(new Position.Imap(7, 1))).isEqualTo(1);
        assertThat(checkpoint.attempt(new Position.Imap(7, 1))).isEqualTo(2);
        assertThat(store.open(new Lease("mbx-1", 2)).attempt(new Position.Imap(7, 1)))
                .as("the count survives a new holder").isEqualTo(3);
        assertThat(store.open(new Lease("mbx-1", 3)).attempt(new Position.Imap(7, 2))).isEqualTo(1);
    }

    @Test
    void fingerprintsOfPublishedMessagesAreKnownPerMailbox() {
        MailboxCheckpoint checkpoint = store.open(new Lease("mbx-1", 1));
        checkpoint.startImap(SOURCE, new ImapState(7, 0, 0));
        Fingerprint published = Fingerprint.of("<a@b>", "aaaa");

        checkpoint.advance(List.of(new Position.Imap(7, 1)), List.of(published));

        assertThat(checkpoint.known(Set.of(published, Fingerprint.of("<a@b>", "bbbb")))).containsExactly(published);
        assertThat(store.open(new Lease("mbx-other", 1)).known(Set.of(published))).isEmpty();
    }
}
