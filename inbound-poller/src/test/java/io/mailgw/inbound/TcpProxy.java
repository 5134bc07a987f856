package io.mailgw.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy a test can cut: {@link #cutAll()} drops every open connection now (a server
 * that drops its IDLE clients), {@link #cutAfterServerBytes(long)} drops each connection once that many
 * bytes went from the server to the client (a FETCH cut in the middle). For line protocols it also keeps
 * the lines clients sent ({@link #clientLines()}, to count commands) and may rewrite the server's lines
 * ({@link #rewritingServerLines}, to hide a capability). Small on purpose, with the cutting API of
 * test-infrastructure's coming {@code TcpProxy}, so that tests switch to it by their import.
 */
public final class TcpProxy implements AutoCloseable {

    private final String host;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cutConnections = new AtomicInteger();
    private final List<String> clientLines = new CopyOnWriteArrayList<>();
    private volatile long cutAfter = -1;
    private volatile UnaryOperator<String> serverLines;

    private TcpProxy(String host, int targetPort) {
        this.host = host;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        daemon(this::accept, "tcp-proxy-accept").start();
    }

    public static TcpProxy to(String host, int port) {
        return new TcpProxy(host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every open connection now; new ones are served. */
    public void cutAll() {
        open.forEach(TcpProxy::closeQuietly);
    }

    /** Drops each connection, open or new, once {@code bytes} went from the server to the client on it. */
    public void cutAfterServerBytes(long bytes) {
        cutAfter = bytes;
    }

    public void stopCutting() {
        cutAfter = -1;
    }

    /** Rewrites each line the server sends (for a line protocol such as IMAP) before the client sees it. */
    public TcpProxy rewritingServerLines(UnaryOperator<String> rewrite) {
        serverLines = rewrite;
        return this;
    }

    /** Every line clients sent so far, without its line end. */
    public List<String> clientLines() {
        return List.copyOf(clientLines);
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections cut after their server bytes so far. */
    public int cutConnections() {
        return cutConnections.get();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cutAll();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, targetPort);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                AtomicLong fromServer = new AtomicLong();
                daemon(() -> pump(client, server, null), "tcp-proxy-up").start();
                daemon(() -> pump(server, client, fromServer), "tcp-proxy-down").start();
            }
            catch (IOException ex) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counted) {
        byte[] buffer = new byte[4096];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        UnaryOperator<String> rewrite = counted != null ? serverLines : null;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int forward = read;
                long limit = cutAfter;
                if (counted != null && limit >= 0 && counted.get() + read >= limit) {
                    forward = (int) Math.max(0, limit - counted.get());
                }
                if (rewrite == null) {
                    out.write(buffer, 0, forward);
                    out.flush();
                }
                for (int i = 0; i < forward && (counted == null || rewrite != null); i++) {
                    line.write(buffer[i]);
                    if (buffer[i] == '\n') {
                        String text = line.toString(StandardCharsets.ISO_8859_1);
                        line.reset();
                        if (rewrite != null) {
                            out.write(rewrite.apply(text).getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                        else {
                            clientLines.add(text.strip());
                        }
                    }
                }
                if (counted != null && counted.addAndGet(forward) >= limit && limit >= 0) {
                    cutConnections.incrementAndGet();
                    break;
                }
            }
        }
        catch (IOException ex) {
            // one side went away
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // closing anyway
        }
    }
}
