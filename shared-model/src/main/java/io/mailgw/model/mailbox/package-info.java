/** Mailbox documents: inbound (IMAP, POP3) and outbound (SMTP) accounts, their defaults and rules. */
package io.mailgw.model.mailbox;
