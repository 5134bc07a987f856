package io.mailgw.config.mailbox;

import io.mailgw.config.web.Violations;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;

import org.springframework.stereotype.Component;

/** Checks that a field meant to link an outbox (a contract's, the default) names an existing OUTBOUND mailbox. */
@Component
public class OutboxReferenceCheck {

    private final MailboxRepository mailboxes;

    OutboxReferenceCheck(MailboxRepository mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** Adds a violation of {@code field} unless {@code mailboxId} is {@code null} or an OUTBOUND mailbox. */
    public void check(String field, String mailboxId, Violations violations) {
        if (mailboxId == null) {
            return;
        }
        Mailbox mailbox = mailboxes.findById(mailboxId).orElse(null);
        if (mailbox == null) {
            violations.add(field, "outbox.missing", "no mailbox with id '" + mailboxId + "'", mailboxId);
        }
        else if (!mailbox.isOutbound()) {
            violations.add(field, "outbox.notOutbound", "mailbox '" + mailboxId + "' is " + mailbox.type()
                    + "; only an OUTBOUND mailbox can send mail", mailboxId, mailbox.type());
        }
    }
}
