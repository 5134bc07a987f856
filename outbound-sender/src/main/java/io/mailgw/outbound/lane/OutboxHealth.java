package io.mailgw.outbound.lane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each outbox's health in {@code mailbox_status}, written at most about once a second per outbox
 * ({@code mailgw.outbound.health-flush}, default 1 s), not per message: successes are counted in
 * memory and the latest failure kept, then both are written, in the order they last happened.
 */
@Component
class OutboxHealth {

    private static final Logger log = LoggerFactory.getLogger(OutboxHealth.class);

    private final MailboxStatusRecorder recorder;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    OutboxHealth(MailboxStatusRecorder recorder) {
        this.recorder = recorder;
    }

    void sent(String outboxId) {
        Pending entry = pending.computeIfAbsent(outboxId, id -> new Pending());
        entry.successes.incrementAndGet();
        entry.failedLast = false;
    }

    /** @param reason plain words for an operator, never a secret */
    void failed(String outboxId, MailboxState state, String reason) {
        Pending entry = pending.computeIfAbsent(outboxId, id -> new Pending());
        synchronized (entry) {
            entry.state = state;
            entry.reason = reason;
            entry.failedLast = true;
        }
    }

    @Scheduled(fixedDelayString = "${mailgw.outbound.health-flush:1s}")
    void flush() {
        for (String outboxId : pending.keySet()) {
            Pending entry = pending.remove(outboxId);
            if (entry != null) {
                write(outboxId, entry);
            }
        }
    }

    private void write(String outboxId, Pending entry) {
        long successes = entry.successes.get();
        MailboxState state;
        String reason;
        synchronized (entry) {
            state = entry.state;
            reason = entry.reason;
        }
        try {
            if (state != null && !entry.failedLast) {
                recorder.failure(outboxId, state, reason);
            }
            if (successes > 0) {
                recorder.success(outboxId, successes);
            }
            if (state != null && entry.failedLast) {
                recorder.failure(outboxId, state, reason);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Recording the health of outbox {} failed ({}); it is recorded with the next sends",
                    outboxId, ex.getMessage());
        }
    }

    /** What happened to one outbox since the last write. */
    private static final class Pending {
        private final AtomicLong successes = new AtomicLong();
        private MailboxState state;
        private String reason;
        private volatile boolean failedLast;
    }
}
