package io.mailgw.inbound.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.springframework.data.annotation.Id;

/**
 * Which POP3 messages have been handled: the UIDLs published (or, after a start from NOW,
 * skipped) that were still on the server at the last poll.
 *
 * @param mailboxId the mailbox, also the document id
 * @param source    the account the checkpoint belongs to; another one starts afresh
 */
public record Pop3Checkpoint(@Id String mailboxId, String source, List<String> uidls, Instant updatedAt) {

    public Pop3Checkpoint {
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(source, "source");
        uidls = uidls == null ? List.of() : List.copyOf(uidls);
    }
}
