package io.mailgw.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and its connection to the target, with a thread copying each direction as bytes
 * arrive. An end of stream is passed on as a half-close; the connection closes when both directions ended,
 * when either breaks, or when it is cut.
 */
final class ProxiedConnection {

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);
    private static final long NO_CUT = -1;

    private final Socket client;
    private final Socket server;
    private final AtomicLong serverBytesBeforeCut;
    private final AtomicLong serverBytes;
    private final AtomicInteger directionsEnded = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BiConsumer<ProxiedConnection, Boolean> onClose;

    /**
     * @param serverBytesBeforeCut bytes from the server to forward before the cut, or -1 for no cut
     * @param serverBytes the proxy's count of bytes forwarded from servers to clients, added to here
     * @param onClose told once, just before the connection closes, whether it is cut, so that a client that
     *        reads the end of the stream finds the proxy's counters already up to date
     */
    ProxiedConnection(Socket client, Socket server, long serverBytesBeforeCut, AtomicLong serverBytes,
            BiConsumer<ProxiedConnection, Boolean> onClose) {
        this.client = client;
        this.server = server;
        this.serverBytesBeforeCut = new AtomicLong(serverBytesBeforeCut);
        this.serverBytes = serverBytes;
        this.onClose = onClose;
    }

    /** Copies server to client on a thread of {@code threads}, and client to server on the calling thread. */
    void forward(Executor threads) {
        if (serverBytesBeforeCut.get() == 0) {
            cut();
        }
        if (closed.get()) {
            return;
        }
        try {
            threads.execute(() -> copy(server, client, true));
        }
        catch (RejectedExecutionException ex) {
            close(false);
            return;
        }
        copy(client, server, false);
    }

    /** Cuts the connection once {@code bytes} more bytes went from the server to the client; 0 cuts it now. */
    void cutAfterServerBytes(long bytes) {
        serverBytesBeforeCut.set(bytes);
        if (bytes == 0) {
            cut();
        }
    }

    /** Forwards without a limit again. */
    void stopCutting() {
        serverBytesBeforeCut.set(NO_CUT);
    }

    /** Closes both sides now: the client reads what was forwarded so far, then the end of the stream. */
    void cut() {
        close(true);
    }

    private void copy(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) != -1) {
                int forwarded = fromServer ? countFromServer(read) : read;
                out.write(buffer, 0, forwarded);
                if (fromServer && serverBytesBeforeCut.get() == 0) {
                    cut();
                    return;
                }
            }
            to.shutdownOutput();
            if (directionsEnded.incrementAndGet() == 2) {
                close(false);
            }
        }
        catch (IOException ex) {
            log.debug("Proxied connection {} ended: {}", client.getRemoteSocketAddress(), ex.toString());
            close(false);
        }
    }

    /**
     * How many of {@code read} bytes from the server may go on before the cut. They are counted before they are
     * written, so that a client that read them finds them in {@link TcpProxy#serverBytes()}.
     */
    private int countFromServer(int read) {
        int allowed = read;
        long left = serverBytesBeforeCut.get();
        while (left != NO_CUT) {
            allowed = (int) Math.min(left, read);
            if (serverBytesBeforeCut.compareAndSet(left, left - allowed)) {
                break;
            }
            left = serverBytesBeforeCut.get();
        }
        serverBytes.addAndGet(allowed);
        return allowed;
    }

    private void close(boolean cut) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.accept(this, cut);
        for (Socket socket : new Socket[] {client, server}) {
            try {
                socket.close();
            }
            catch (IOException ex) {
                log.debug("Closing {} failed: {}", socket, ex.toString());
            }
        }
    }
}
