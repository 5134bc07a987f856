/** Encryption of mailbox passwords at rest (AES-256-GCM under {@code MAILGW_SECRET_KEY}). */
package io.mailgw.model.secret;
