/**
 * Which outbox a request goes out through: the five rules of CONTRACT §2, decided from the
 * configuration held in memory and kept current by {@code mail.config.changes}.
 */
package io.mailgw.outbound.outbox;
