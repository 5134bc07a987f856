package io.mailgw.inbound.imap;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.mailgw.events.MailReceived;
import io.mailgw.inbound.checkpoint.Position;
import io.mailgw.inbound.poll.FetchedMessage;
import io.mailgw.inbound.poll.Listing;
import io.mailgw.inbound.poll.MailFolder;
import io.mailgw.inbound.poll.MessageRef;
import io.mailgw.inbound.raw.RawMessage;
import io.mailgw.inbound.raw.RawSpool;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open IMAP folder, read by UID above the checkpoint: one {@code UID SEARCH} finds what is new,
 * then each batch costs one {@code UID FETCH} of sizes and dates and one of the bodies of all its
 * small messages; a large one is fetched in chunks into a spool file. Kept open between reads,
 * and with IDLE it waits for news on {@link ImapIdleWatcher}'s one selector thread.
 */
final class ImapMailFolder implements MailFolder {

    private static final Logger log = LoggerFactory.getLogger(ImapMailFolder.class);

    private final Mailbox mailbox;
    private final IMAPFolder folder;
    private final ImapCommands commands;
    private final ImapAfterRead afterRead;
    private final RawSpool spool;
    private final ImapIdleWatcher idle;
    private final long uidValidity;
    private final long resyncUpTo;
    private final Deque<Long> pending = new ArrayDeque<>();
    private long position;
    private boolean listening;

    /**
     * @param lastUid    the last UID the checkpoint counts as handled
     * @param resyncUpTo UIDs up to this one are checked against published fingerprints (0: none)
     * @param idle       the IDLE watcher when the mailbox wants IDLE and the server offers it, else {@code null}
     */
    ImapMailFolder(Mailbox mailbox, IMAPFolder folder, ImapAfterRead afterRead, RawSpool spool, ImapIdleWatcher idle,
                   long uidValidity, long lastUid, long resyncUpTo) {
        this.mailbox = mailbox;
        this.folder = folder;
        this.commands = new ImapCommands(folder);
        this.afterRead = afterRead;
        this.spool = spool;
        this.idle = idle;
        this.uidValidity = uidValidity;
        this.position = lastUid;
        this.resyncUpTo = resyncUpTo;
    }

    @Override
    public Listing list(int max, long maxBytes) throws MessagingException {
        if (pending.isEmpty()) {
            pending.addAll(commands.uidsAbove(position));
        }
        while (!pending.isEmpty()) {
            List<Long> wanted = pending.stream().limit(max).toList();
            Map<Long, ImapCommands.Listed> listed = commands.sizes(wanted);
            List<MessageRef> refs = new ArrayList<>();
            long bytes = 0;
            for (Long uid : wanted) {
                ImapCommands.Listed message = listed.get(uid);
                long inMemory = message == null || message.size() > spool.largeMessage() ? 0 : message.size();
                if (!refs.isEmpty() && bytes + inMemory > maxBytes) {
                    break;
                }
                pending.removeFirst();
                position = uid;
                if (message != null) {
                    refs.add(ref(uid, message));
                    bytes += inMemory;
                }
            }
            if (!refs.isEmpty()) {
                return new Listing(refs, !pending.isEmpty());
            }
        }
        return Listing.EMPTY;
    }

    @Override
    public List<FetchedMessage> fetch(List<MessageRef> refs) throws MessagingException, IOException {
        List<Long> small = refs.stream().filter(this::small).map(MessageRef::uid).toList();
        Map<Long, byte[]> bodies = small.isEmpty() ? Map.of() : commands.bodies(small);
        List<FetchedMessage> fetched = new ArrayList<>(refs.size());
        for (MessageRef ref : refs) {
            RawMessage raw = small(ref) ? memory(bodies.get(ref.uid())) : streamed(ref);
            if (raw == null) {
                log.debug("{} of {} left the server before it was read", ref.describe(), mailbox.describe());
            }
            else {
                fetched.add(new FetchedMessage(ref, raw));
            }
        }
        return fetched;
    }

    @Override
    public void confirm(List<MessageRef> refs) throws MessagingException {
        afterRead.apply(commands, refs.stream().map(MessageRef::uid).toList());
    }

    @Override
    public boolean isOpen() {
        return folder.isOpen();
    }

    @Override
    public boolean canIdle() {
        return idle != null && folder.isOpen();
    }

    @Override
    public void idle(IdleListener listener) throws MessagingException {
        if (!listening) {
            commands.listen(response -> hear(response, listener));
            listening = true;
        }
        idle.watch(folder);
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
        catch (MessagingException | RuntimeException ex) {
            log.debug("Closing {} failed ({}); its connection is dropped", mailbox.describe(), ex.getMessage());
        }
    }

    private static void hear(Response response, IdleListener listener) {
        if (response instanceof IMAPResponse answer && answer.keyEquals("EXISTS")) {
            listener.news();
        }
        else if (response.isBYE()) {
            listener.lost();
        }
    }

    private boolean small(MessageRef ref) {
        return ref.size() >= 0 && ref.size() <= spool.largeMessage();
    }

    private MessageRef ref(long uid, ImapCommands.Listed message) {
        return new MessageRef(MailReceived.imapEventId(mailbox.id(), uidValidity, uid),
                new Position.Imap(uidValidity, uid), message.size(), message.receivedAt(), uid <= resyncUpTo);
    }

    private static RawMessage memory(byte[] body) {
        return body == null ? null : RawMessage.of(body);
    }

    /** The message in chunks of the large-message size into a spool file; {@code null} when it is gone. */
    private RawMessage streamed(MessageRef ref) throws MessagingException, IOException {
        int chunkSize = (int) Math.min(spool.largeMessage(), Integer.MAX_VALUE - 8);
        RawSpool.Writer writer = spool.writer(ref.size());
        try {
            long offset = 0;
            byte[] chunk;
            do {
                chunk = commands.chunk(ref.uid(), offset, chunkSize);
                if (chunk == null) {
                    writer.discard();
                    return null;
                }
                writer.write(chunk, 0, chunk.length);
                offset += chunk.length;
            }
            while (chunk.length == chunkSize);
            return writer.finish();
        }
        catch (MessagingException | IOException | RuntimeException ex) {
            writer.discard();
            throw ex;
        }
    }
}
