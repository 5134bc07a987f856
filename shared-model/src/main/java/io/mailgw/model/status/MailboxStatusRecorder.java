package io.mailgw.model.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Records successes and failures of a mailbox as single atomic upserts, safe across processes. */
public class MailboxStatusRecorder {

    private final MongoOperations mongo;
    private final Clock clock;

    public MailboxStatusRecorder(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A poll or send went through; {@code messages} is how many messages it moved. */
    public void success(String mailboxId, long messages) {
        upsert(mailboxId, successUpdate(messages));
    }

    /**
     * A poll went through and the next one is due at {@code nextAttemptAt}, or, when {@code null},
     * waits for the server to announce news.
     */
    public void success(String mailboxId, long messages, Instant nextAttemptAt) {
        upsert(mailboxId, successUpdate(messages).set("nextAttemptAt", nextAttemptAt));
    }

    /** A poll or send failed; {@code reason} is plain text for an operator, without secrets. */
    public void failure(String mailboxId, MailboxState state, String reason) {
        upsert(mailboxId, failureUpdate(state, reason, clock.instant()));
    }

    /**
     * A poll failed and is tried again after {@code wait}, counted from the failure's own time, so
     * that {@code nextAttemptAt - lastErrorAt} is the wait.
     *
     * @return when the next attempt is due, as stored (to the millisecond)
     */
    public Instant failure(String mailboxId, MailboxState state, String reason, Duration wait) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant next = now.plus(wait);
        upsert(mailboxId, failureUpdate(state, reason, now).set("nextAttemptAt", next));
        return next;
    }

    private Update successUpdate(long messages) {
        Instant now = clock.instant();
        return new Update()
                .set("state", MailboxState.OK)
                .set("lastSuccessAt", now)
                .set("updatedAt", now)
                .inc("messages", messages)
                .inc("failures", 0);
    }

    private static Update failureUpdate(MailboxState state, String reason, Instant now) {
        return new Update()
                .set("state", state)
                .set("lastErrorAt", now)
                .set("lastError", reason)
                .set("updatedAt", now)
                .inc("messages", 0)
                .inc("failures", 1);
    }

    public MailboxStatus read(String mailboxId) {
        MailboxStatus status = mongo.findById(mailboxId, MailboxStatus.class);
        return status != null ? status : MailboxStatus.unknown(mailboxId);
    }

    private void upsert(String mailboxId, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(mailboxId)), update, MailboxStatus.class);
    }
}
