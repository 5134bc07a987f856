package io.mailgw.bench.inbound;

import java.time.Duration;

import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.report.Figures;

/**
 * The poller draining a full folder.
 *
 * @param expected  messages in the folder
 * @param published distinct messages published by the end
 * @param elapsed   from the poller's login to the mailbox (Dovecot's log) to the last message's record, or
 *                  to the deadline: the drain, as the raw fetch is timed from its login
 * @param foundAfter from the mailbox's creation in MongoDB to that login: how long the poller took to
 *                  see the new mailbox and take its lease
 * @param usage     the poller JVM's heap and CPU meanwhile
 */
record DrainRun(int expected, int published, Duration elapsed, Duration foundAfter, ResourceUsage usage) {

    boolean complete() {
        return published >= expected;
    }

    double rate() {
        return Figures.rate(published, elapsed);
    }
}
