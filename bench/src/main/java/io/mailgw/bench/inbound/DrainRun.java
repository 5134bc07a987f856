package io.mailgw.bench.inbound;

import java.time.Duration;

import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.report.Figures;

/**
 * The poller draining a full folder.
 *
 * @param expected  messages in the folder
 * @param published distinct messages published by the end
 * @param elapsed   from the mailbox's creation to the last message's record, or to the deadline
 * @param usage     the poller JVM's heap and CPU meanwhile
 */
record DrainRun(int expected, int published, Duration elapsed, ResourceUsage usage) {

    boolean complete() {
        return published >= expected;
    }

    double rate() {
        return Figures.rate(published, elapsed);
    }
}
