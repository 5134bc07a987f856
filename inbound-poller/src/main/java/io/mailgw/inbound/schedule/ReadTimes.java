package io.mailgw.inbound.schedule;

import java.time.Duration;

import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.Mailbox;

/**
 * When a mailbox is read next after a read that went through: a polled one after its own
 * interval ({@code pollIntervalSeconds}, never below the floor), one that waits with IDLE after the
 * IDLE renewal time, when its IDLE is ended, the folder checked and IDLE entered again.
 */
final class ReadTimes {

    private final Duration minInterval;
    private final Duration idleRenew;

    ReadTimes(Duration minInterval, Duration idleRenew) {
        this.minInterval = minInterval;
        this.idleRenew = idleRenew;
    }

    Duration interval(Mailbox mailbox) {
        Integer configured = mailbox.inbound().pollIntervalSeconds();
        int seconds = configured == null ? InboundSettings.DEFAULT_POLL_INTERVAL_SECONDS : configured;
        Duration interval = Duration.ofSeconds(Math.max(seconds, 0));
        return interval.compareTo(minInterval) < 0 ? minInterval : interval;
    }

    Duration next(Mailbox mailbox, boolean idling) {
        return idling ? idleRenew : interval(mailbox);
    }
}
