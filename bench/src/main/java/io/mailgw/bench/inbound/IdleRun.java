package io.mailgw.bench.inbound;

import io.mailgw.bench.report.Latencies;

/**
 * New mail delivered one by one.
 *
 * @param latencies       per message, Dovecot's LMTP {@code 250} to its record on Kafka
 * @param intervalSeconds the mailbox's poll interval: the latency to expect without IDLE is up to it
 */
record IdleRun(Latencies latencies, int intervalSeconds) {
}
