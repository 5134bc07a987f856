/**
 * Real servers for integration tests: an embedded KRaft Kafka broker and the MongoDB wire
 * server here, Testcontainers' Kafka and MongoDB where a Docker daemon answers.
 */
package io.mailgw.testing;
