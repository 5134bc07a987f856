/**
 * One lane per outbox: a bounded queue, at most {@code maxConnections} sends at once, a circuit
 * breaker and a rate limiter. The Kafka intake only hands requests to a lane; it never talks SMTP,
 * so one customer's dead, stalled or slow server delays nobody else's mail.
 */
package io.mailgw.outbound.lane;
