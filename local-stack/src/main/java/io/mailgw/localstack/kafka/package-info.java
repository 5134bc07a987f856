/**
 * The embedded single-node KRaft Kafka broker of the local stack: real Apache Kafka server code,
 * its log formatted once and kept on disk.
 */
package io.mailgw.localstack.kafka;
