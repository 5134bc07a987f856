package io.mailgw.bench.inbound;

import java.time.Duration;

import io.mailgw.bench.infra.ResourceUsage;

/**
 * One poller with many mailboxes.
 *
 * @param delay   how late their polls started
 * @param usage   the poller JVM's heap and CPU over the window
 * @param watched the window, from the poller's readiness
 */
record ManyRun(SchedulingDelay delay, ResourceUsage usage, Duration watched) {
}
