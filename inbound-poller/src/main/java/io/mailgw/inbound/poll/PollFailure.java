package io.mailgw.inbound.poll;

import java.util.Objects;

import io.mailgw.model.status.MailboxState;

/**
 * Why a poll failed, as an operator reads it.
 *
 * @param state  the mailbox state it leads to
 * @param reason plain words without secrets, such as {@code authentication rejected}
 */
public record PollFailure(MailboxState state, String reason) {

    public PollFailure {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}
