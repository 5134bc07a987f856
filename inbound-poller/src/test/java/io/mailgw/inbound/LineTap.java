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

/**
 * A loopback proxy for a line protocol such as IMAP that keeps the lines clients sent
 * ({@link #clientLines()}, to count commands on the wire) and may rewrite the lines the server sends
 * ({@link #rewritingServerLines}, to hide a capability). To cut connections, tests use
 * test-infrastructure's {@link io.mailgw.testing.net.TcpProxy}.
 */
public final class LineTap implements AutoCloseable {

    private final String host;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> clientLines = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<String> serverLines;

    private LineTap(String host, int targetPort) {
        this.host = host;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        daemon(this::accept, "line-tap-accept").start();
    }

    public static LineTap to(String host, int port) {
        return new LineTap(host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Rewrites each line the server sends (for a line protocol such as IMAP) before the client sees it. */
    public LineTap rewritingServerLines(UnaryOperator<String> rewrite) {
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

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(LineTap::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, targetPort);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                daemon(() -> pump(client, server, false), "line-tap-up").start();
                daemon(() -> pump(server, client, true), "line-tap-down").start();
            }
            catch (IOException ex) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[4096];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        UnaryOperator<String> rewrite = fromServer ? serverLines : null;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (rewrite == null) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                for (int i = 0; i < read && (!fromServer || rewrite != null); i++) {
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
