package io.mailgw.inbound.imap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.eclipse.angus.mail.iap.ByteArray;

/**
 * The IMAP commands the poller sends on an open folder, each one round trip, all by UID:
 * {@code UID SEARCH} for what is new, {@code UID FETCH} of sizes and dates for a range, of whole
 * bodies ({@code BODY.PEEK[]}, so nothing is marked seen) for a set, or of one body in chunks;
 * {@code UID STORE}, {@code UID MOVE}, {@code UID COPY} and {@code UID EXPUNGE} for a whole batch.
 * Untagged answers (EXISTS, EXPUNGE, FLAGS) go on to the folder, so that its state stays right.
 */
final class ImapCommands {

    private final IMAPFolder folder;

    ImapCommands(IMAPFolder folder) {
        this.folder = folder;
    }

    /** The UIDs above {@code lastUid}, ascending. ("n:*" also matches the last message when its UID is lower.) */
    List<Long> uidsAbove(long lastUid) throws MessagingException {
        return run(protocol -> {
            Response[] responses = protocol.command("UID SEARCH UID " + (lastUid + 1) + ":*", null);
            List<Long> uids = new ArrayList<>();
            for (Response response : responses) {
                if (response instanceof IMAPResponse answer && answer.keyEquals("SEARCH")) {
                    for (long uid = answer.readLong(); uid != -1; uid = answer.readLong()) {
                        if (uid > lastUid) {
                            uids.add(uid);
                        }
                    }
                }
            }
            finish(protocol, responses);
            uids.sort(Long::compare);
            return uids;
        });
    }

    /** Size and arrival time of the messages with these UIDs, by UID, ascending. */
    Map<Long, Listed> sizes(List<Long> uids) throws MessagingException {
        return run(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + uidSet(uids) + " (UID RFC822.SIZE INTERNALDATE)", null);
            Map<Long, Listed> listed = new TreeMap<>();
            for (Response response : responses) {
                if (response instanceof FetchResponse fetched && fetched.getItem(UID.class) != null) {
                    RFC822SIZE size = fetched.getItem(RFC822SIZE.class);
                    INTERNALDATE date = fetched.getItem(INTERNALDATE.class);
                    listed.put(fetched.getItem(UID.class).uid, new Listed(size == null ? -1 : size.size,
                            date == null || date.getDate() == null ? null : date.getDate().toInstant()));
                }
            }
            finish(protocol, responses);
            return listed;
        });
    }

    /** The whole bodies of the messages with these UIDs, by UID; a message expunged meanwhile is missing. */
    Map<Long, byte[]> bodies(Collection<Long> uids) throws MessagingException {
        return run(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + uidSet(uids) + " (UID BODY.PEEK[])", null);
            Map<Long, byte[]> bodies = new LinkedHashMap<>();
            for (int i = 0; i < responses.length; i++) {
                if (responses[i] instanceof FetchResponse fetched && fetched.getItem(UID.class) != null
                        && fetched.getItem(BODY.class) != null) {
                    ByteArray body = fetched.getItem(BODY.class).getByteArray();
                    bodies.put(fetched.getItem(UID.class).uid, body == null ? new byte[0] : body.getNewBytes());
                    // copied: the response's own buffer may go at once
                    responses[i] = null;
                }
            }
            finish(protocol, responses);
            return bodies;
        });
    }

    /**
     * Up to {@code length} bytes of one body from {@code offset}, or {@code null} when the message is
     * gone; fewer bytes than asked mean the end.
     */
    byte[] chunk(long uid, long offset, int length) throws MessagingException {
        return run(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + length
                    + ">)", null);
            byte[] chunk = null;
            for (Response response : responses) {
                if (response instanceof FetchResponse fetched && fetched.getItem(UID.class) != null
                        && fetched.getItem(UID.class).uid == uid && fetched.getItem(BODY.class) != null) {
                    ByteArray body = fetched.getItem(BODY.class).getByteArray();
                    chunk = body == null ? new byte[0] : body.getNewBytes();
                }
            }
            finish(protocol, responses);
            return chunk;
        });
    }

    /** Adds a flag ({@code \Seen}, {@code \Deleted}) to all of them, silently. */
    void addFlag(Collection<Long> uids, String flag) throws MessagingException {
        simple("UID STORE " + uidSet(uids) + " +FLAGS.SILENT (" + flag + ")", null);
    }

    /** Moves them to {@code target} with MOVE (RFC 6851). */
    void move(Collection<Long> uids, String target) throws MessagingException {
        simple("UID MOVE " + uidSet(uids), mailbox(target));
    }

    /** Copies them to {@code target}. */
    void copy(Collection<Long> uids, String target) throws MessagingException {
        simple("UID COPY " + uidSet(uids), mailbox(target));
    }

    /** Removes these \Deleted messages: with UID EXPUNGE (UIDPLUS), else every \Deleted one with EXPUNGE. */
    void expunge(Collection<Long> uids) throws MessagingException {
        simple(hasCapability("UIDPLUS") ? "UID EXPUNGE " + uidSet(uids) : "EXPUNGE", null);
    }

    boolean hasCapability(String capability) throws MessagingException {
        return run(protocol -> protocol.hasCapability(capability));
    }

    /** A NOOP, which also ends an IDLE and lets the server tell what changed. */
    void noop() throws MessagingException {
        simple("NOOP", null);
    }

    /** Hands {@code handler} every untagged answer the server sends on this folder's connection. */
    void listen(ResponseHandler handler) throws MessagingException {
        run(protocol -> {
            protocol.addResponseHandler(handler);
            return null;
        });
    }

    static String uidSet(Collection<Long> uids) {
        return UIDSet.toString(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
    }

    private void simple(String command, Argument arguments) throws MessagingException {
        run(protocol -> {
            protocol.simpleCommand(command, arguments);
            return null;
        });
    }

    private static Argument mailbox(String name) {
        Argument arguments = new Argument();
        arguments.writeString(BASE64MailboxEncoder.encode(name));
        return arguments;
    }

    private static void finish(IMAPProtocol protocol, Response[] responses) throws ProtocolException {
        Response result = responses[responses.length - 1];
        protocol.notifyResponseHandlers(responses);
        protocol.handleResult(result);
    }

    private <T> T run(Command<T> command) throws MessagingException {
        @SuppressWarnings("unchecked")
        T result = (T) folder.doCommand(protocol -> command.on(protocol));
        return result;
    }

    @FunctionalInterface
    private interface Command<T> {
        T on(IMAPProtocol protocol) throws ProtocolException;
    }

    /**
     * What {@code UID FETCH (RFC822.SIZE INTERNALDATE)} says of one message.
     *
     * @param size       its size in bytes, or -1 when the server did not say
     * @param receivedAt its INTERNALDATE, or {@code null}
     */
    record Listed(long size, Instant receivedAt) {
    }
}
