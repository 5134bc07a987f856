package io.mailgw.outbound.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One open, logged-in SMTP connection of an outbox's pool, and the sockets under it, so that a
 * deadline can end it from another thread: {@link SMTPTransport} holds its lock through a whole
 * send, so only closing the socket ends a read from a server that stopped answering.
 */
final class SmtpConnection {

    /** The connection being opened on this thread, to which the outbox's shared session reports its sockets. */
    private static final ThreadLocal<SmtpConnection> OPENING = new ThreadLocal<>();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private SMTPTransport transport;
    private String address;
    private int port;
    private int messagesSent;
    private boolean needsReset;
    private volatile boolean aborted;
    private boolean connected;

    /**
     * Where the outbox's session reports each socket it opens, before it is used: to the connection
     * that {@link #open} opens on this thread. Nagle's algorithm is switched off: the end of a
     * message's data is a small write right after large ones, and waiting for the server's delayed
     * ACK before sending it would cost ~40 ms per message.
     */
    static void socketOpened(Socket socket) {
        SmtpConnection opening = OPENING.get();
        if (opening != null) {
            opening.sockets.add(socket);
        }
        try {
            socket.setTcpNoDelay(true);
        }
        catch (IOException ex) {
            // a socket that refuses the option still works, only slower; its failures surface on use
        }
    }

    void attach(SMTPTransport unconnected, String address, int port) {
        this.transport = unconnected;
        this.address = address;
        this.port = port;
    }

    /** Whether it is connected and logged in; asks the server nothing (Angus's own check sends NOOP). */
    boolean isOpen() {
        return connected && !aborted;
    }

    /** Connects to the checked address and logs in ({@code user} {@code null}: no login). */
    void open(String user, String secret) throws MessagingException {
        OPENING.set(this);
        try {
            transport.connect(address, port, user, secret);
        }
        finally {
            OPENING.remove();
        }
        connected = true;
    }

    /** Starts over after a failed transaction: {@code RSET}, which must be answered 250. */
    void reset() throws MessagingException {
        int reply = transport.simpleCommand("RSET");
        if (reply != 250) {
            throw new MessagingException("RSET answered " + transport.getLastServerResponse());
        }
        needsReset = false;
    }

    SMTPTransport transport() {
        return transport;
    }

    int messagesSent() {
        return messagesSent;
    }

    /** A transaction ended: after a failed one the next send starts with RSET. */
    void ended(boolean accepted) {
        if (accepted) {
            messagesSent++;
        }
        needsReset = !accepted;
    }

    boolean needsReset() {
        return needsReset;
    }

    /** Whether a deadline closed the connection under its send. */
    boolean aborted() {
        return aborted;
    }

    /** Ends the connection now, from any thread, without a word to the server. */
    void abort() {
        aborted = true;
        for (Socket socket : sockets) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // the socket is unusable either way; the send it served fails with the abort
            }
        }
    }

    /** Says QUIT and closes; a server that no longer listens is closed on without waiting. */
    void close() {
        if (!connected) {
            abort();
            return;
        }
        try {
            if (aborted) {
                abort();
            }
            else {
                transport.close();
            }
        }
        catch (MessagingException ex) {
            abort();
        }
    }
}
