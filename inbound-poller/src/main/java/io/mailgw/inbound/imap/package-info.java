/** IMAP and IMAPS: new messages by UID above the checkpoint, UIDVALIDITY watched, afterRead on the server. */
package io.mailgw.inbound.imap;
