package io.mailgw.bench.outbound;

import java.time.Duration;

import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.report.Figures;
import io.mailgw.bench.report.Latencies;

/**
 * What one measured run of a sender gave.
 *
 * @param expected  requests published
 * @param finished  requests that reached their end (gateway: a final status; naive: a message at the sink)
 * @param notSent   finished requests whose end was not {@code SENT}
 * @param elapsed   from the first request's produce time to the last end, or to the deadline when unfinished
 * @param latencies produce time to final status, per request; null where the run cannot tell (naive)
 * @param usage     the sender JVM's heap and CPU during the run
 */
record SendRun(int expected, int finished, int notSent, Duration elapsed, Latencies latencies, ResourceUsage usage) {

    boolean complete() {
        return finished == expected;
    }

    double rate() {
        return Figures.rate(finished - notSent, elapsed);
    }
}
