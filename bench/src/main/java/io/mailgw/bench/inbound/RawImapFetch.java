package io.mailgw.bench.inbound;

import java.time.Duration;
import java.util.Properties;

import io.mailgw.bench.report.Figures;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;

/**
 * The limit of reading on this machine: one plain Jakarta Mail session that logs in, selects the
 * folder and sends {@code UID FETCH 1:* (BODY.PEEK[])}, reading every byte of every message,
 * timed from connect to logout. Nothing is parsed, stored or published.
 */
final class RawImapFetch {

    private final int port;

    RawImapFetch(int port) {
        this.port = port;
    }

    /**
     * @return messages per second of one whole session over the folder
     */
    FetchResult fetchAll(String user, String password) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "120000");
        long start = System.nanoTime();
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", port, user, password);
        long[] counted;
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            counted = (long[]) folder.doCommand(protocol -> count(protocol.command("UID FETCH 1:* (BODY.PEEK[])", null)));
            folder.close(false);
        }
        finally {
            store.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new FetchResult((int) counted[0], counted[1], took);
    }

    private static long[] count(Response[] responses) {
        long messages = 0;
        long bytes = 0;
        for (Response response : responses) {
            if (response instanceof FetchResponse fetch) {
                BODY body = fetch.getItem(BODY.class);
                if (body != null && body.getByteArray() != null) {
                    messages++;
                    bytes += body.getByteArray().getCount();
                }
            }
        }
        return new long[] {messages, bytes};
    }

    /**
     * @param messages messages read whole
     * @param bytes    their bytes
     * @param took     the session, connect to logout
     */
    record FetchResult(int messages, long bytes, Duration took) {

        double rate() {
            return Figures.rate(messages, took);
        }
    }
}
