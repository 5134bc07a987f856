package io.mailgw.testing.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on {@code 127.0.0.1} that forwards each connection to one target, both ways, as bytes arrive,
 * and that a test can cut: {@link #cutAll()} now, {@link #cutAfterServerBytes(long)} in the middle of a
 * server's answer (an IMAP FETCH, say), or {@link #refuse(boolean)} new connections. A cut closes both sides:
 * the client reads what was forwarded before it, then the end of the stream.
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to("127.0.0.1", imapPort)) {
 *     // the client connects to 127.0.0.1:proxy.port(), logs in, selects ...
 *     proxy.cutAfterServerBytes(10_000);
 *     // ... and its FETCH of a 100 KB message fails
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<ProxiedConnection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private final AtomicInteger cutConnections = new AtomicInteger();
    private final AtomicLong serverBytes = new AtomicLong();
    private volatile long serverBytesBeforeCut = -1;
    private volatile boolean refusing;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        try {
            listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The TCP proxy cannot listen on 127.0.0.1", ex);
        }
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newCachedThreadPool(task -> daemon(task, "tcp-proxy-" + port() + "-" + count.incrementAndGet()));
        acceptor = daemon(this::accept, "tcp-proxy-" + port() + "-accept");
        acceptor.start();
    }

    /** Starts a proxy to {@code host:port}; each accepted connection connects there anew. */
    public static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** The port clients connect to on {@code 127.0.0.1}, chosen by the system. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts every open connection now; new connections are forwarded as before. */
    public void cutAll() {
        open.forEach(ProxiedConnection::cut);
    }

    /**
     * Cuts each open connection once {@code bytes} more bytes went from the server to the client, and each new
     * connection once {@code bytes} went in all; 0 cuts open connections now and new ones at once.
     */
    public void cutAfterServerBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("A byte count is 0 or more; got " + bytes);
        }
        serverBytesBeforeCut = bytes;
        open.forEach(connection -> connection.cutAfterServerBytes(bytes));
    }

    /** Forgets {@link #cutAfterServerBytes(long)}: open and new connections forward without a limit again. */
    public void stopCutting() {
        serverBytesBeforeCut = -1;
        open.forEach(ProxiedConnection::stopCutting);
    }

    /**
     * While {@code true}, closes each new connection at once, with a reset, as a server that is down; open
     * connections go on. {@code false} forwards new connections again.
     */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** How many connections it accepted and forwarded so far (refused ones not counted). */
    public int connections() {
        return connections.get();
    }

    /** How many forwarded connections are open now. */
    public int openConnections() {
        return open.size();
    }

    /** How many connections it closed at once while refusing. */
    public int refusedConnections() {
        return refusedConnections.get();
    }

    /** How many connections it cut, by {@link #cutAll()} or {@link #cutAfterServerBytes(long)}. */
    public int cutConnections() {
        return cutConnections.get();
    }

    /** How many bytes went from servers to clients so far, on every connection: to choose where to cut. */
    public long serverBytes() {
        return serverBytes.get();
    }

    /** Stops listening and closes every connection; waits for its threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(listener);
        cutAll();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("TCP proxy on port {}: threads still running 10 s after close", port());
            }
            acceptor.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            }
            catch (IOException ex) {
                if (!closed) {
                    log.warn("TCP proxy on port {} stopped accepting connections", port(), ex);
                }
                return;
            }
            if (refusing) {
                refusedConnections.incrementAndGet();
                reset(client);
                continue;
            }
            connections.incrementAndGet();
            try {
                threads.execute(() -> forward(client));
            }
            catch (RejectedExecutionException ex) {
                reset(client);
            }
        }
    }

    private void forward(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
            // bytes go on as they arrive: Nagle's coalescing would only add the proxy's own delays
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        }
        catch (IOException ex) {
            log.debug("TCP proxy on port {} cannot reach {}: {}", port(), target, ex.toString());
            reset(client);
            closeQuietly(server);
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(client, server, serverBytesBeforeCut, serverBytes,
                this::ended);
        open.add(connection);
        if (closed) {
            connection.cut();
        }
        connection.forward(threads);
    }

    private void ended(ProxiedConnection connection, boolean cut) {
        open.remove(connection);
        if (cut) {
            cutConnections.incrementAndGet();
        }
    }

    /** Closes with an RST rather than a FIN, so that the client reads a reset, as from a refused connection. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        }
        catch (IOException ex) {
            log.debug("No reset for {}: {}", socket, ex.toString());
        }
        closeQuietly(socket);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        }
        catch (IOException ex) {
            log.debug("Closing {} failed: {}", closeable, ex.toString());
        }
    }
}
