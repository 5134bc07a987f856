package io.mailgw.testing.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lines in, replies out, on one connection: the bytes of SMTP, with DATA's dot-unstuffing and STARTTLS. */
final class SmtpWire {

    /** The longest line read, in bytes: bounds a connection's memory whatever the client sends. */
    static final int MAX_LINE = 1 << 20;
    /** The largest message kept, in bytes, as EHLO's SIZE says; a larger one is read to its end and refused. */
    static final int MAX_MESSAGE = 32 << 20;

    private static final Logger log = LoggerFactory.getLogger(ScriptedSmtpServer.class);

    private final int connection;
    private final Socket raw;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SmtpWire(int connection, Socket socket) throws IOException {
        this.connection = connection;
        this.raw = socket;
        attach(socket);
    }

    /** One command line without its line ending, or null when the client closed the connection. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        if (!readLine(line)) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.substring(0, text.length() - 1);
    }

    /**
     * The message after DATA exactly as sent, line endings kept, dot-unstuffed and without the terminating
     * dot; null when the client closed the connection first.
     */
    Data readData() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        boolean tooBig = false;
        while (readLine(line)) {
            byte[] bytes = line.toByteArray();
            if (isTerminator(bytes)) {
                return new Data(tooBig ? new byte[0] : message.toByteArray(), tooBig);
            }
            int start = bytes[0] == '.' ? 1 : 0;
            tooBig |= message.size() + bytes.length - start > MAX_MESSAGE;
            if (!tooBig) {
                message.write(bytes, start, bytes.length - start);
            }
        }
        return null;
    }

    void reply(String line) throws IOException {
        log.debug("smtp#{} S: {}", connection, line);
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A multi-line reply: every line but the last gets a hyphen after the code. */
    void reply(int code, List<String> lines) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(code).append(i < lines.size() - 1 ? '-' : ' ').append(lines.get(i)).append("\r\n");
        }
        log.debug("smtp#{} S: {}", connection, reply.toString().trim().replace("\r\n", " | "));
        out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** A wire that speaks TLS from the first byte (SMTPS); the handshake comes with the greeting, or stalls with it. */
    static SmtpWire implicitTls(int connection, Socket socket, SSLContext tls) throws IOException {
        SmtpWire wire = new SmtpWire(connection, socket);
        wire.attach(wire.secured(tls));
        return wire;
    }

    /** Turns the connection into a TLS server connection and completes the handshake (STARTTLS). */
    void startTls(SSLContext tls) throws IOException {
        SSLSocket secured = secured(tls);
        secured.startHandshake();
        attach(secured);
    }

    private SSLSocket secured(SSLContext tls) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        secured.setUseClientMode(false);
        return secured;
    }

    private void attach(Socket connected) throws IOException {
        socket = connected;
        in = new BufferedInputStream(new QuickAckInputStream(raw, connected.getInputStream()));
        out = new BufferedOutputStream(connected.getOutputStream());
    }

    /** Reads one line with its line ending into {@code line}; false at the end of the stream. */
    private boolean readLine(ByteArrayOutputStream line) throws IOException {
        line.reset();
        int next;
        while ((next = in.read()) != -1) {
            line.write(next);
            if (next == '\n') {
                return true;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("The client sent a line longer than " + MAX_LINE + " bytes");
            }
        }
        return false;
    }

    private static boolean isTerminator(byte[] line) {
        return line[0] == '.' && (line.length == 2 && line[1] == '\n'
                || line.length == 3 && line[1] == '\r' && line[2] == '\n');
    }

    /** A message as read after DATA; {@code tooBig} when it exceeded {@link #MAX_MESSAGE} and was not kept. */
    record Data(byte[] raw, boolean tooBig) {
    }
}
