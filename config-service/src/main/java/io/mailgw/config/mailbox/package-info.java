/**
 * The mailboxes API ({@code /api/v1/mailboxes}): one flat JSON shape per type, the write-only
 * password, the guard against deleting a mailbox still in use, and the runtime status.
 */
package io.mailgw.config.mailbox;
