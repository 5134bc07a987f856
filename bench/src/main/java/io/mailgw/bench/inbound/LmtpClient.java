package io.mailgw.bench.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Delivers messages into Dovecot through LMTP (RFC 2033) on one connection, and says when
 * Dovecot answered {@code 250} for each: the moment the message is in the mailbox, where new-mail
 * latency starts. A few lines of protocol, as there is no LMTP client in Jakarta Mail.
 */
final class LmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    LmtpClient(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
        expect("220");
        command("LHLO bench.example", "250");
    }

    /**
     * @param message the message, with LF or CRLF line ends
     * @return when Dovecot's {@code 250} for the recipient arrived, epoch ms
     */
    long deliver(String recipient, byte[] message) throws IOException {
        command("MAIL FROM:<ana@cliente.example>", "250");
        command("RCPT TO:<" + recipient + ">", "250");
        command("DATA", "354");
        out.write(dotStuffed(message));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect("250");
        return System.currentTimeMillis();
    }

    private static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII).replace("\r\n", "\n");
        StringBuilder stuffed = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return stuffed.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void command(String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(expected);
    }

    /** Reads one reply, its continuation lines too, and fails unless it has the expected code. */
    private void expect(String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("Dovecot's LMTP closed the connection, expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("Dovecot's LMTP answered '" + line + "', expected " + code);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT", "221");
        }
        finally {
            socket.close();
        }
    }
}
