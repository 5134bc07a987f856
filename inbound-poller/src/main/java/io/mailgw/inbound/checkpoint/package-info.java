/**
 * Where each mailbox's reading stands, in MongoDB ({@code inbound_checkpoints}): IMAP UIDVALIDITY and
 * last UID, or the POP3 UIDLs already handled. Moved only after Kafka acknowledged a message.
 */
package io.mailgw.inbound.checkpoint;
