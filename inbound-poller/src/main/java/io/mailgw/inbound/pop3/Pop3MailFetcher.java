package io.mailgw.inbound.pop3;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mailgw.events.MailReceived;
import io.mailgw.inbound.checkpoint.MailboxCheckpoint;
import io.mailgw.inbound.checkpoint.Position;
import io.mailgw.inbound.poll.MailFetcher;
import io.mailgw.inbound.poll.MailFolder;
import io.mailgw.inbound.poll.MessageRef;
import io.mailgw.inbound.raw.RawSpool;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.StartFrom;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Opens a POP3 maildrop where its checkpoint left it. The checkpoint is the set of UIDLs handled
 * that are still on the server, one document each; UIDLs that left the server are forgotten here.
 * Without a checkpoint, a mailbox that starts from NOW records the present UIDLs without
 * publishing. With {@code afterRead} DELETE, handled messages still on the server (their DELE was
 * lost with a connection) are flagged again, so that this QUIT removes them.
 */
@Component
class Pop3MailFetcher implements MailFetcher {

    private static final Logger log = LoggerFactory.getLogger(Pop3MailFetcher.class);

    private final RawSpool spool;

    Pop3MailFetcher(RawSpool spool) {
        this.spool = spool;
    }

    @Override
    public Set<InboundProtocol> protocols() {
        return EnumSet.of(InboundProtocol.POP3, InboundProtocol.POP3S);
    }

    @Override
    public void configure(MailSessionBuilder session, Mailbox mailbox) {
        // the poller needs no headers before it reads a message whole
        session.option("disabletop", "true");
    }

    @Override
    public MailFolder open(Mailbox mailbox, Store store, MailboxCheckpoint checkpoint) throws MessagingException {
        boolean delete = mailbox.inbound().afterRead() == AfterRead.DELETE;
        Folder inbox = store.getFolder(InboundSettings.DEFAULT_FOLDER);
        inbox.open(delete ? Folder.READ_WRITE : Folder.READ_ONLY);
        try {
            Map<String, Message> present = byUidl(inbox);
            Set<String> handled = handled(mailbox, checkpoint, present);
            List<MessageRef> pending = new ArrayList<>();
            for (Map.Entry<String, Message> entry : present.entrySet()) {
                if (!handled.contains(entry.getKey())) {
                    pending.add(new MessageRef(MailReceived.pop3EventId(mailbox.id(), entry.getKey()),
                            new Position.Pop3(entry.getKey()), entry.getValue().getSize(), null, false));
                }
                else if (delete) {
                    entry.getValue().setFlag(Flags.Flag.DELETED, true);
                }
            }
            return new Pop3MailFolder(mailbox, inbox, delete, spool, pending, present);
        }
        catch (MessagingException | RuntimeException ex) {
            inbox.close(false);
            throw ex;
        }
    }

    /** The handled UIDLs still on the server, after forgetting those that left it. */
    private static Set<String> handled(Mailbox mailbox, MailboxCheckpoint checkpoint, Map<String, Message> present) {
        Optional<Set<String>> saved = checkpoint.pop3(source(mailbox));
        if (saved.isEmpty() && mailbox.inbound().startFrom() != StartFrom.ALL) {
            checkpoint.advance(present.keySet().stream().<Position>map(Position.Pop3::new).toList(), List.of());
            log.info("Reading {} from now on: the {} message(s) already there are left alone", mailbox.describe(),
                    present.size());
            return present.keySet();
        }
        Set<String> handled = saved.orElseGet(HashSet::new);
        Set<String> gone = new HashSet<>(handled);
        gone.removeAll(present.keySet());
        checkpoint.forgetPop3(gone);
        handled.removeAll(gone);
        return handled;
    }

    /** The messages by UIDL, in maildrop order (oldest first), with their sizes. */
    private static Map<String, Message> byUidl(Folder inbox) throws MessagingException {
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        inbox.fetch(messages, profile);
        POP3Folder pop3 = (POP3Folder) inbox;
        Map<String, Message> byUidl = new LinkedHashMap<>();
        for (Message message : messages) {
            String uidl = pop3.getUID(message);
            if (uidl == null) {
                throw new MessagingException("the server does not support UIDL, which the poller needs to tell "
                        + "new messages from read ones");
            }
            byUidl.put(uidl, message);
        }
        return byUidl;
    }

    /** The account a checkpoint belongs to: another host or user starts afresh. */
    private static String source(Mailbox mailbox) {
        return "pop3:" + mailbox.username() + "@" + mailbox.server().host().toLowerCase(Locale.ROOT);
    }
}
