/**
 * One send request as read from Kafka: reading and checking a record against CONTRACT §3, which
 * attempt it is, and the request in flight until its outcome is recorded.
 */
package io.mailgw.outbound.request;
