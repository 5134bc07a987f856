/** Raw messages and large attachments in MongoDB GridFS (bucket {@code fs}), kept for a retention period. */
package io.mailgw.inbound.store;
