/**
 * Real servers for integration tests: an embedded KRaft Kafka broker and the MongoDB wire
 * server here, Testcontainers' Kafka and MongoDB where a Docker daemon answers; and the
 * certificate GreenMail's TLS servers present. The scripted SMTP server is in {@code smtp}, the TCP proxy a
 * test can cut in {@code net}.
 */
package io.mailgw.testing;
