package io.mailgw.inbound.checkpoint;

/**
 * How far an IMAP folder has been read.
 *
 * @param uidValidity the folder's UIDVALIDITY the UIDs below belong to
 * @param lastUid     the highest UID handled: published, or skipped when the mailbox started from NOW
 * @param resyncUpTo  after a UIDVALIDITY change, the UIDs up to this one were there before it: each may be a
 *                    message already published under the old numbering, recognised by its fingerprint;
 *                    0 when there was no change
 */
public record ImapState(long uidValidity, long lastUid, long resyncUpTo) {
}
