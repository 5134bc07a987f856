package io.mailgw.inbound.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.Mailbox;

/**
 * When each mailbox was last polled, and so which are due: a mailbox never polled here is due at
 * once; otherwise one interval after its last poll ended. The interval is the mailbox's
 * {@code pollIntervalSeconds}, never less than the floor, and read afresh each time, so a changed
 * interval counts from the last poll.
 */
final class DueTimes {

    private final Duration minInterval;
    private final Map<String, Instant> lastPolled = new ConcurrentHashMap<>();

    DueTimes(Duration minInterval) {
        this.minInterval = minInterval;
    }

    Duration interval(Mailbox mailbox) {
        Integer configured = mailbox.inbound().pollIntervalSeconds();
        int seconds = configured == null ? InboundSettings.DEFAULT_POLL_INTERVAL_SECONDS : configured;
        Duration interval = Duration.ofSeconds(Math.max(seconds, 0));
        return interval.compareTo(minInterval) < 0 ? minInterval : interval;
    }

    /** The mailboxes due at {@code now}, the longest overdue first (never polled before all others). */
    List<Mailbox> due(Collection<Mailbox> mailboxes, Instant now) {
        return mailboxes.stream()
                .filter(mailbox -> !dueAt(mailbox).isAfter(now))
                .sorted(Comparator.comparing(this::dueAt))
                .toList();
    }

    void polled(String mailboxId, Instant at) {
        lastPolled.put(mailboxId, at);
    }

    /** Forgets mailboxes that are gone or disabled, so that they are due at once when they come back. */
    void retain(Set<String> mailboxIds) {
        lastPolled.keySet().retainAll(mailboxIds);
    }

    private Instant dueAt(Mailbox mailbox) {
        Instant last = lastPolled.get(mailbox.id());
        return last == null ? Instant.MIN : last.plus(interval(mailbox));
    }
}
