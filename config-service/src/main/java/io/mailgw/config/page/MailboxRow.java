package io.mailgw.config.page;

import io.mailgw.config.mailbox.MailboxStatusView;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;

/**
 * One line of the mailbox list.
 *
 * @param state       as the status endpoint says it: {@code DISABLED} while disabled, {@code null}
 *                    until the gateway first used the mailbox
 * @param signInAgain its OAuth2 sign-in was revoked or expired: an admin must sign in again
 */
record MailboxRow(String id, String name, MailboxType type, String host, Integer port, String contractId,
        boolean enabled, MailboxState state, boolean signInAgain) {

    static MailboxRow of(Mailbox mailbox, MailboxStatus status) {
        MailboxState state = MailboxStatusView.of(mailbox, status).state();
        return new MailboxRow(mailbox.id(), mailbox.name(), mailbox.type(), mailbox.server().host(), mailbox.server().port(),
                mailbox.contractId(), mailbox.enabled(), state,
                state == MailboxState.AUTH_FAILED && LoginState.of(mailbox, status).signInAgain());
    }
}
