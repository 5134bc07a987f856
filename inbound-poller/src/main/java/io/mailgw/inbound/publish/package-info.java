/**
 * A fetched batch: raw bytes kept in GridFS, each message parsed and published on the inbound
 * topic without waiting, then one wait for Kafka's acks.
 */
package io.mailgw.inbound.publish;
