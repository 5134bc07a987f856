package io.mailgw.inbound.poll;

import java.util.Set;

import io.mailgw.inbound.checkpoint.MailboxCheckpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/** Opens the folder of a mailbox over one protocol family: one implementation per family. */
public interface MailFetcher {

    /** The protocols this fetcher reads. */
    Set<InboundProtocol> protocols();

    /** The protocol's own session options, such as IMAP's peek or socket channels for IDLE. */
    void configure(MailSessionBuilder session, Mailbox mailbox);

    /**
     * Opens the mailbox's folder on a connected store, positioned after what {@code checkpoint}
     * counts as handled (starting it when the mailbox is new or its server renumbered the folder).
     */
    MailFolder open(Mailbox mailbox, Store store, MailboxCheckpoint checkpoint) throws MessagingException;
}
