package io.mailgw.inbound.pop3;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.mailgw.inbound.checkpoint.Position;
import io.mailgw.inbound.poll.FetchedMessage;
import io.mailgw.inbound.poll.Listing;
import io.mailgw.inbound.poll.MailFolder;
import io.mailgw.inbound.poll.MessageRef;
import io.mailgw.inbound.raw.RawSpool;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open POP3 maildrop for one read: the messages not yet handled, oldest first, each streamed
 * with RETR into memory or a spool file. With {@code afterRead} DELETE, confirmed messages are
 * flagged, and the server removes them when the folder closes (QUIT), never before Kafka
 * acknowledged them. A maildrop is fixed at login, so every read opens it afresh.
 */
final class Pop3MailFolder implements MailFolder {

    private static final Logger log = LoggerFactory.getLogger(Pop3MailFolder.class);

    private final Mailbox mailbox;
    private final Folder inbox;
    private final boolean delete;
    private final RawSpool spool;
    private final Deque<MessageRef> pending;
    private final Map<String, Message> byUidl;

    Pop3MailFolder(Mailbox mailbox, Folder inbox, boolean delete, RawSpool spool, List<MessageRef> pending,
                   Map<String, Message> byUidl) {
        this.mailbox = mailbox;
        this.inbox = inbox;
        this.delete = delete;
        this.spool = spool;
        this.pending = new ArrayDeque<>(pending);
        this.byUidl = byUidl;
    }

    @Override
    public Listing list(int max, long maxBytes) {
        List<MessageRef> refs = new ArrayList<>();
        long bytes = 0;
        while (!pending.isEmpty() && refs.size() < max) {
            MessageRef next = pending.peekFirst();
            long inMemory = next.size() > spool.largeMessage() ? 0 : Math.max(next.size(), 0);
            if (!refs.isEmpty() && bytes + inMemory > maxBytes) {
                break;
            }
            refs.add(pending.removeFirst());
            bytes += inMemory;
        }
        return new Listing(refs, !pending.isEmpty());
    }

    @Override
    public List<FetchedMessage> fetch(List<MessageRef> refs) throws MessagingException, IOException {
        List<FetchedMessage> fetched = new ArrayList<>(refs.size());
        for (MessageRef ref : refs) {
            RawSpool.Writer writer = spool.writer(ref.size());
            try {
                message(ref).writeTo(writer);
                fetched.add(new FetchedMessage(ref, writer.finish()));
            }
            catch (MessageRemovedException ex) {
                writer.discard();
                log.debug("{} of {} left the server before it was read", ref.describe(), mailbox.describe());
            }
            catch (MessagingException | IOException | RuntimeException ex) {
                writer.discard();
                fetched.forEach(FetchedMessage::close);
                throw ex;
            }
        }
        return fetched;
    }

    @Override
    public void confirm(List<MessageRef> refs) throws MessagingException {
        if (delete) {
            for (MessageRef ref : refs) {
                message(ref).setFlag(Flags.Flag.DELETED, true);
            }
        }
    }

    @Override
    public boolean isOpen() {
        return inbox.isOpen();
    }

    @Override
    public boolean staysCurrent() {
        return false;
    }

    @Override
    public void close() {
        try {
            if (inbox.isOpen()) {
                inbox.close(delete);
            }
        }
        catch (MessagingException | RuntimeException ex) {
            log.debug("Closing {} failed ({}); messages flagged for deletion stay on the server and are deleted "
                    + "at the next read", mailbox.describe(), ex.getMessage());
        }
    }

    private Message message(MessageRef ref) {
        return byUidl.get(((Position.Pop3) ref.position()).uidl());
    }
}
