package io.mailgw.inbound.imap;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.mailgw.inbound.checkpoint.ImapState;
import io.mailgw.inbound.checkpoint.MailboxCheckpoint;
import io.mailgw.inbound.poll.MailFetcher;
import io.mailgw.inbound.poll.MailFolder;
import io.mailgw.inbound.raw.RawSpool;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.StartFrom;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Opens an IMAP folder where its checkpoint left it. The checkpoint is the folder's UIDVALIDITY and
 * the last UID handled. Without one, a mailbox that starts from NOW records UIDNEXT-1, one that
 * starts from ALL reads from UID 1. When UIDVALIDITY changed (the folder was rebuilt or migrated),
 * the UIDs mean other messages: the folder is read again from the start, but each message that was
 * there before the change is published only when its fingerprint (Message-ID and content hash) is
 * new, so no migration republishes the folder; the change is logged and counted
 * ({@code mailgw.inbound.uidvalidity.resets}).
 */
@Component
class ImapMailFetcher implements MailFetcher {

    private static final Logger log = LoggerFactory.getLogger(ImapMailFetcher.class);

    private final RawSpool spool;
    private final ImapIdleWatcher idle;
    private final MeterRegistry meters;

    ImapMailFetcher(RawSpool spool, ImapIdleWatcher idle, MeterRegistry meters) {
        this.spool = spool;
        this.idle = idle;
        this.meters = meters;
    }

    @Override
    public Set<InboundProtocol> protocols() {
        return EnumSet.of(InboundProtocol.IMAP, InboundProtocol.IMAPS);
    }

    @Override
    public void configure(MailSessionBuilder session, Mailbox mailbox) {
        // reading a message must not set \Seen: afterRead decides that, after the checkpoint moved
        session.option("peek", "true");
        if (mailbox.inbound().idleWanted()) {
            session.socketChannels();
        }
    }

    @Override
    public MailFolder open(Mailbox mailbox, Store store, MailboxCheckpoint checkpoint) throws MessagingException {
        ImapAfterRead afterRead = ImapAfterRead.prepare(mailbox, store);
        IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.inbound().folder());
        folder.open(afterRead.changesFolder() ? Folder.READ_WRITE : Folder.READ_ONLY);
        try {
            long uidValidity = folder.getUIDValidity();
            ImapState state = start(mailbox, folder, checkpoint, uidValidity);
            boolean idleOffered = mailbox.inbound().idleWanted() && new ImapCommands(folder).hasCapability("IDLE");
            return new ImapMailFolder(mailbox, folder, afterRead, spool, idleOffered ? idle : null, uidValidity,
                    state.lastUid(), state.resyncUpTo());
        }
        catch (MessagingException | RuntimeException ex) {
            closeQuietly(folder);
            throw ex;
        }
    }

    private ImapState start(Mailbox mailbox, IMAPFolder folder, MailboxCheckpoint checkpoint, long uidValidity)
            throws MessagingException {
        String source = source(mailbox);
        Optional<ImapState> saved = checkpoint.imap(source);
        if (saved.isPresent() && saved.get().uidValidity() == uidValidity) {
            return saved.get();
        }
        if (saved.isPresent()) {
            long resyncUpTo = uidNext(folder) - 1;
            log.warn("UIDVALIDITY of {} changed from {} to {}: the server renumbered the folder, so it is read again "
                    + "from the start, and its {} message(s) there before are published only if not published before",
                    mailbox.describe(), saved.get().uidValidity(), uidValidity, folder.getMessageCount());
            meters.counter("mailgw.inbound.uidvalidity.resets", "mailbox", mailbox.id()).increment();
            return started(checkpoint, source, new ImapState(uidValidity, 0, resyncUpTo));
        }
        if (mailbox.inbound().startFrom() == StartFrom.ALL) {
            return started(checkpoint, source, new ImapState(uidValidity, 0, 0));
        }
        long lastUid = uidNext(folder) - 1;
        log.info("Reading {} from now on: the {} message(s) already there (UID up to {}) are left alone",
                mailbox.describe(), folder.getMessageCount(), lastUid);
        return started(checkpoint, source, new ImapState(uidValidity, lastUid, 0));
    }

    private static ImapState started(MailboxCheckpoint checkpoint, String source, ImapState state) {
        checkpoint.startImap(source, state);
        return state;
    }

    private static long uidNext(IMAPFolder folder) throws MessagingException {
        long next = folder.getUIDNext();
        if (next > 0) {
            return next;
        }
        int count = folder.getMessageCount();
        return count == 0 ? 1 : folder.getUID(folder.getMessage(count)) + 1;
    }

    private static void closeQuietly(IMAPFolder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
        catch (MessagingException | RuntimeException ex) {
            log.debug("Closing {} after a failed open failed too ({})", folder.getFullName(), ex.getMessage());
        }
    }

    /** The account and folder a checkpoint belongs to: another host, user or folder starts afresh. */
    private static String source(Mailbox mailbox) {
        return "imap:" + mailbox.username() + "@" + mailbox.server().host().toLowerCase(Locale.ROOT) + "/"
                + mailbox.inbound().folder();
    }
}
