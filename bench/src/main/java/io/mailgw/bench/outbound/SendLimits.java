package io.mailgw.bench.outbound;

/**
 * smtp-source's rates into smtp-sink, messages per second.
 *
 * @param sessions          the sessions of the main limit: as many as the outbox's lane
 * @param reused            {@code sessions} sessions, each keeping its connection ({@code -d}): the limit
 * @param oneSession        one session keeping its connection
 * @param connectionPerMail {@code sessions} sessions, a new connection per message
 */
record SendLimits(int sessions, double reused, double oneSession, double connectionPerMail) {
}
