/**
 * Where each mailbox's reading stands, in MongoDB: IMAP UIDVALIDITY and last UID, the POP3 UIDLs
 * already handled, the fingerprints of published messages, and how often the next message failed to
 * be read. Moved only after Kafka acknowledged a batch, and only under the lease's fencing token.
 */
package io.mailgw.inbound.checkpoint;
