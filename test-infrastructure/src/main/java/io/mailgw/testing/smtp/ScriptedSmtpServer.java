package io.mailgw.testing.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.mailgw.testing.TestCertificate;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server on {@code 127.0.0.1} that answers exactly as its {@link #script()} says: a 421 greeting, a
 * 535 to AUTH, 451 or 550 to MAIL FROM, 550 for one recipient, 452 after N recipients, 554 after DATA, a drop
 * after DATA, a stall, or everything accepted. It speaks the ESMTP that Jakarta Mail's {@code SMTPTransport}
 * needs (EHLO, STARTTLS, AUTH PLAIN, LOGIN and XOAUTH2, pipelining, DATA with dot-unstuffing, RSET) and records
 * what it received for assertions.
 * <pre>{@code
 * try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()) {
 *     smtp.script().acceptLogin("sender@example.com", "secret").rcptReply("nobody@example.com", "550 5.1.1 no such user");
 *     // send through 127.0.0.1:smtp.port() ...
 *     assertThat(smtp.awaitMessages(1, Duration.ofSeconds(30)).get(0).recipients()).containsExactly("someone@example.com");
 * }
 * }</pre>
 * Each connection gets a thread of its own; {@link #close()} drops every connection, stalled ones too.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScriptedSmtpServer.class);

    private final ServerSocket listener;
    private final Security security;
    private final SSLContext tls;
    private final SmtpScript script = new SmtpScript();
    private final SmtpRecording recording = new SmtpRecording();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService connectionThreads;
    private final Thread acceptor;
    private volatile boolean closed;

    private ScriptedSmtpServer(Security security) {
        this.security = security;
        this.tls = security == Security.PLAIN ? null : TestCertificate.serverContext();
        try {
            listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The scripted SMTP server cannot listen on 127.0.0.1", ex);
        }
        AtomicInteger threads = new AtomicInteger();
        connectionThreads = Executors.newCachedThreadPool(task -> daemon(task,
                "scripted-smtp-" + port() + "-" + threads.incrementAndGet()));
        acceptor = daemon(this::accept, "scripted-smtp-" + port() + "-accept");
        acceptor.start();
    }

    /** A plain SMTP server: no STARTTLS offered. */
    public static ScriptedSmtpServer start() {
        return new ScriptedSmtpServer(Security.PLAIN);
    }

    /**
     * A server that offers STARTTLS and presents {@link TestCertificate} (for {@code 127.0.0.1}); a client
     * trusts it with {@link TestCertificate#pem()} or {@link TestCertificate#trustingContext()}.
     */
    public static ScriptedSmtpServer startOfferingStartTls() {
        return new ScriptedSmtpServer(Security.STARTTLS);
    }

    /** A server that speaks TLS from the first byte (SMTPS, as on port 465), presenting {@link TestCertificate}. */
    public static ScriptedSmtpServer startWithImplicitTls() {
        return new ScriptedSmtpServer(Security.IMPLICIT_TLS);
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** The port it listens on, chosen by the system. */
    public int port() {
        return listener.getLocalPort();
    }

    /** What it answers; changes take effect from the next command, on open connections too. */
    public SmtpScript script() {
        return script;
    }

    /** Every message answered with a 2xx reply, in the order they were received. */
    public List<ReceivedMessage> messages() {
        return recording.messages().stream().filter(ReceivedMessage::accepted).toList();
    }

    /** Every message whose data arrived completely, accepted or not (refused after DATA, or dropped). */
    public List<ReceivedMessage> allMessages() {
        return recording.messages();
    }

    /**
     * Waits until at least {@code count} messages were accepted and returns them all.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when fewer arrived within {@code timeout}
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return Awaitility.await(count + " messages accepted by the scripted SMTP server on port " + port())
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(this::messages, messages -> messages.size() >= count);
    }

    /** How many connections it accepted so far. */
    public int connections() {
        return recording.connections();
    }

    /** How many connections are open now. */
    public int openConnections() {
        return recording.openConnections();
    }

    /** How many AUTH commands it received, on every connection. */
    public int authCommands() {
        return recording.authCommands();
    }

    /** How many RSET commands it received, on every connection. */
    public int rsetCommands() {
        return recording.rsetCommands();
    }

    /**
     * The commands received on one connection (ids from 1, in the order connections were accepted), in order,
     * as sent but without credentials: {@code AUTH PLAIN}, not the base64 after it.
     */
    public List<String> commands(int connection) {
        return recording.commands(connection);
    }

    /** {@link #commands(int)} of every connection, by connection id. */
    public Map<Integer, List<String>> commandsByConnection() {
        return recording.commandsByConnection();
    }

    /**
     * Closes every open connection now, stalled ones too, as a server that restarts or times idle clients out;
     * it keeps listening.
     */
    public void dropConnections() {
        open.forEach(ScriptedSmtpServer::closeQuietly);
        script.wakeUp();
    }

    /** Stops listening and drops every connection, stalled ones too; waits for their threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(listener);
        dropConnections();
        connectionThreads.shutdownNow();
        try {
            if (!connectionThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Scripted SMTP server on port {}: connection threads still running 10 s after close", port());
            }
            acceptor.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            }
            catch (IOException ex) {
                if (!closed) {
                    log.warn("Scripted SMTP server on port {} stopped accepting connections", port(), ex);
                }
                return;
            }
            open.add(socket);
            int connection = recording.opened();
            try {
                connectionThreads.execute(() -> serve(connection, socket));
            }
            catch (RejectedExecutionException ex) {
                open.remove(socket);
                closeQuietly(socket);
                recording.closed();
            }
            if (closed) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(int connection, Socket socket) {
        try {
            SmtpWire wire = security == Security.IMPLICIT_TLS ? SmtpWire.implicitTls(connection, socket, tls)
                    : new SmtpWire(connection, socket);
            SSLContext startTls = security == Security.STARTTLS ? tls : null;
            new SmtpSession(connection, wire, script, recording, startTls, () -> !socket.isClosed()).converse();
        }
        catch (IOException ex) {
            log.debug("smtp#{} ended: {}", connection, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            open.remove(socket);
            closeQuietly(socket);
            recording.closed();
        }
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

    private enum Security { PLAIN, STARTTLS, IMPLICIT_TLS }
}
