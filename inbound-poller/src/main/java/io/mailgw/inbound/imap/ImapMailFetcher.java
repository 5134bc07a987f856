package io.mailgw.inbound.imap;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.mailgw.events.MailReceived;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.checkpoint.CheckpointStore;
import io.mailgw.inbound.checkpoint.ImapCheckpoint;
import io.mailgw.inbound.poll.FetchedMessage;
import io.mailgw.inbound.poll.MailFetcher;
import io.mailgw.inbound.poll.MessageSink;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.StartFrom;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads an IMAP folder by UID. The checkpoint is the folder's UIDVALIDITY and the last UID
 * handled. Without a checkpoint, a mailbox that starts from NOW only records UIDNEXT-1; one that
 * starts from ALL reads from UID 1. When UIDVALIDITY changes, the UIDs mean other messages: the
 * folder is read again from the start, and since the event id carries UIDVALIDITY the events are
 * new ones. At most {@code batch-size} messages per poll, in UID order.
 */
@Component
class ImapMailFetcher implements MailFetcher {

    private static final Logger log = LoggerFactory.getLogger(ImapMailFetcher.class);

    private final CheckpointStore checkpoints;
    private final int batchSize;

    ImapMailFetcher(CheckpointStore checkpoints, InboundPollerProperties properties) {
        this.checkpoints = checkpoints;
        this.batchSize = properties.batchSize();
    }

    @Override
    public Set<InboundProtocol> protocols() {
        return EnumSet.of(InboundProtocol.IMAP, InboundProtocol.IMAPS);
    }

    @Override
    public int fetch(Mailbox mailbox, Store store, MessageSink sink, BooleanSupplier keepGoing)
            throws MessagingException, InterruptedException {
        ImapAfterRead afterRead = ImapAfterRead.prepare(mailbox, store);
        Folder folder = store.getFolder(mailbox.inbound().folder());
        folder.open(afterRead.changesFolder() ? Folder.READ_WRITE : Folder.READ_ONLY);
        try {
            return read(mailbox, folder, afterRead, sink, keepGoing);
        }
        finally {
            if (folder.isOpen()) {
                folder.close(afterRead.expungeOnClose());
            }
        }
    }

    private int read(Mailbox mailbox, Folder folder, ImapAfterRead afterRead, MessageSink sink,
                     BooleanSupplier keepGoing) throws MessagingException, InterruptedException {
        UIDFolder uids = (UIDFolder) folder;
        long uidValidity = uids.getUIDValidity();
        String source = source(mailbox);
        Optional<ImapCheckpoint> checkpoint = checkpoints.imap(mailbox.id(), source);
        if (checkpoint.isEmpty() && mailbox.inbound().startFrom() != StartFrom.ALL) {
            long lastUid = uidNext(folder) - 1;
            checkpoints.moveImap(mailbox.id(), source, uidValidity, lastUid);
            log.info("Reading {} from now on: the {} message(s) already there (UID up to {}) are left alone",
                    mailbox.describe(), folder.getMessageCount(), lastUid);
            return 0;
        }
        long lastUid = startAfter(mailbox, source, checkpoint, uidValidity);
        int published = 0;
        for (Message message : newMessages(folder, lastUid)) {
            if (!keepGoing.getAsBoolean()) {
                break;
            }
            long uid = uids.getUID(message);
            sink.publish(new FetchedMessage(mailbox, MailReceived.imapEventId(mailbox.id(), uidValidity, uid),
                    uidValidity, uid, receivedAt(message), FetchedMessage.rawOf(message, "UID " + uid)));
            checkpoints.moveImap(mailbox.id(), source, uidValidity, uid);
            afterRead.apply(folder, message);
            published++;
        }
        return published;
    }

    private long startAfter(Mailbox mailbox, String source, Optional<ImapCheckpoint> checkpoint, long uidValidity) {
        if (checkpoint.isEmpty()) {
            return 0;
        }
        if (checkpoint.get().uidValidity() != uidValidity) {
            log.warn("UIDVALIDITY of {} changed from {} to {}: the server renumbered the folder, so it is read "
                    + "again from the start; its messages are published again with new event ids",
                    mailbox.describe(), checkpoint.get().uidValidity(), uidValidity);
            // the new numbering is recorded at once, so that an empty folder is not "renumbered" on every poll
            checkpoints.moveImap(mailbox.id(), source, uidValidity, 0);
            return 0;
        }
        return checkpoint.get().lastUid();
    }

    /** The messages above {@code lastUid}, oldest first, at most one batch, with arrival date and size fetched. */
    private List<Message> newMessages(Folder folder, long lastUid) throws MessagingException {
        UIDFolder uids = (UIDFolder) folder;
        // "n:*" always includes the last message, even when its UID is below n
        List<Message> batch = Arrays.stream(uids.getMessagesByUID(lastUid + 1, UIDFolder.LASTUID))
                .filter(message -> uidOf(uids, message) > lastUid)
                .sorted(Comparator.comparingLong(message -> uidOf(uids, message)))
                .limit(batchSize)
                .toList();
        FetchProfile profile = new FetchProfile();
        profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(batch.toArray(Message[]::new), profile);
        return batch;
    }

    private static long uidNext(Folder folder) throws MessagingException {
        UIDFolder uids = (UIDFolder) folder;
        long next = uids.getUIDNext();
        if (next > 0) {
            return next;
        }
        int count = folder.getMessageCount();
        return count == 0 ? 1 : uids.getUID(folder.getMessage(count)) + 1;
    }

    private static long uidOf(UIDFolder uids, Message message) {
        try {
            return uids.getUID(message);
        }
        catch (MessagingException ex) {
            throw new IllegalStateException("The server gave no UID for message " + message.getMessageNumber(), ex);
        }
    }

    private static Instant receivedAt(Message message) throws MessagingException {
        return message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant();
    }

    /** The account and folder a checkpoint belongs to: another host, user or folder starts afresh. */
    private static String source(Mailbox mailbox) {
        return "imap:" + mailbox.username() + "@" + mailbox.server().host().toLowerCase(Locale.ROOT) + "/"
                + mailbox.inbound().folder();
    }
}
