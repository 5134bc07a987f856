/**
 * The outcome of every request: its delivery record in MongoDB (keyed by {@code requestId}, the
 * idempotency key) and its {@code DeliveryStatus} events, recorded before the offset is committed.
 */
package io.mailgw.outbound.delivery;
