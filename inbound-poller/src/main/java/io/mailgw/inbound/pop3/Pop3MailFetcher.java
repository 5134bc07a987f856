package io.mailgw.inbound.pop3;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.mailgw.events.MailReceived;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.checkpoint.CheckpointStore;
import io.mailgw.inbound.checkpoint.Pop3Checkpoint;
import io.mailgw.inbound.poll.FetchedMessage;
import io.mailgw.inbound.poll.MailFetcher;
import io.mailgw.inbound.poll.MessageSink;
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
 * Reads a POP3 maildrop by UIDL. The checkpoint is the set of UIDLs already handled that are
 * still on the server; UIDLs that left the server are forgotten at the next poll. Without a
 * checkpoint, a mailbox that starts from NOW records the present UIDLs without publishing. With
 * {@code afterRead} DELETE, published messages are flagged and the server removes them at QUIT.
 * At most {@code batch-size} messages per poll, oldest first.
 */
@Component
class Pop3MailFetcher implements MailFetcher {

    private static final Logger log = LoggerFactory.getLogger(Pop3MailFetcher.class);

    private final CheckpointStore checkpoints;
    private final int batchSize;

    Pop3MailFetcher(CheckpointStore checkpoints, InboundPollerProperties properties) {
        this.checkpoints = checkpoints;
        this.batchSize = properties.batchSize();
    }

    @Override
    public Set<InboundProtocol> protocols() {
        return EnumSet.of(InboundProtocol.POP3, InboundProtocol.POP3S);
    }

    @Override
    public int fetch(Mailbox mailbox, Store store, MessageSink sink, BooleanSupplier keepGoing)
            throws MessagingException, InterruptedException {
        boolean delete = mailbox.inbound().afterRead() == AfterRead.DELETE;
        Folder inbox = store.getFolder(InboundSettings.DEFAULT_FOLDER);
        inbox.open(delete ? Folder.READ_WRITE : Folder.READ_ONLY);
        try {
            return read(mailbox, inbox, delete, sink, keepGoing);
        }
        finally {
            if (inbox.isOpen()) {
                inbox.close(delete);
            }
        }
    }

    private int read(Mailbox mailbox, Folder inbox, boolean delete, MessageSink sink, BooleanSupplier keepGoing)
            throws MessagingException, InterruptedException {
        Map<String, Message> present = byUidl(inbox);
        String source = source(mailbox);
        Optional<Pop3Checkpoint> checkpoint = checkpoints.pop3(mailbox.id(), source);
        if (checkpoint.isEmpty() && mailbox.inbound().startFrom() != StartFrom.ALL) {
            checkpoints.startPop3(mailbox.id(), source, present.keySet());
            log.info("Reading {} from now on: the {} message(s) already there are left alone",
                    mailbox.describe(), present.size());
            return 0;
        }
        Set<String> handled = handled(mailbox, source, checkpoint, present.keySet());
        int published = 0;
        for (Map.Entry<String, Message> entry : present.entrySet()) {
            if (published >= batchSize || !keepGoing.getAsBoolean()) {
                break;
            }
            if (handled.contains(entry.getKey())) {
                continue;
            }
            sink.publish(new FetchedMessage(mailbox, MailReceived.pop3EventId(mailbox.id(), entry.getKey()),
                    null, null, null, FetchedMessage.rawOf(entry.getValue(), "UIDL " + entry.getKey())));
            checkpoints.addPop3(mailbox.id(), source, entry.getKey());
            if (delete) {
                entry.getValue().setFlag(Flags.Flag.DELETED, true);
            }
            published++;
        }
        return published;
    }

    /** The handled UIDLs, after forgetting those no longer on the server. */
    private Set<String> handled(Mailbox mailbox, String source, Optional<Pop3Checkpoint> checkpoint,
                                Set<String> present) {
        if (checkpoint.isEmpty()) {
            checkpoints.startPop3(mailbox.id(), source, Set.of());
            return Set.of();
        }
        Set<String> handled = new HashSet<>(checkpoint.get().uidls());
        Set<String> gone = new HashSet<>(handled);
        gone.removeAll(present);
        checkpoints.forgetPop3(mailbox.id(), gone);
        handled.removeAll(gone);
        return handled;
    }

    /** The messages by UIDL, in maildrop order (oldest first). */
    private static Map<String, Message> byUidl(Folder inbox) throws MessagingException {
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
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
