package io.mailgw.inbound.checkpoint;

import java.time.Instant;
import java.util.Objects;

import org.springframework.data.annotation.Id;

/**
 * How far an IMAP folder has been read.
 *
 * @param mailboxId   the mailbox, also the document id
 * @param source      the account and folder the checkpoint belongs to; another one starts afresh
 * @param uidValidity the folder's UIDVALIDITY when {@code lastUid} was read
 * @param lastUid     the highest UID published (or, after a start from NOW, skipped)
 */
public record ImapCheckpoint(@Id String mailboxId, String source, long uidValidity, long lastUid, Instant updatedAt) {

    public ImapCheckpoint {
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(source, "source");
    }
}
