/**
 * Real servers for integration tests: an embedded KRaft Kafka broker and the MongoDB wire
 * server here, Testcontainers' Kafka and MongoDB where a Docker daemon answers; and the
 * certificate GreenMail's TLS servers present.
 */
package io.mailgw.testing;
