package io.mailgw.testing.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol rules of the scripted server, byte by byte over a plain socket. */
class SmtpSessionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        smtp.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void keepsTheMessageBytesExactlyAsSentWithoutDotStuffing() throws IOException {
        Client client = connect();
        client.expect("220 ");
        client.send("HELO client.example").expect("250 ");
        client.send("MAIL FROM:<>").expect("250 ");
        client.send("RCPT TO:<to@example.com> NOTIFY=NEVER").expect("250 ");
        client.send("DATA").expect("354 ");
        client.send("Message-ID: <one@example.com>\r\nSubject: dots\r\n\r\n..one dot\r\n...two dots\r\nend\r\n.")
                .expect("250 2.0.0 Ok: queued as 1.1");

        ReceivedMessage message = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(message.text())
                .isEqualTo("Message-ID: <one@example.com>\r\nSubject: dots\r\n\r\n.one dot\r\n..two dots\r\nend\r\n");
        assertThat(message.sender()).isEmpty();
        assertThat(message.recipients()).containsExactly("to@example.com");
        assertThat(message.messageId()).isEqualTo("<one@example.com>");
    }

    @Test
    void answersPipelinedCommandsInOrder() throws IOException {
        Client client = connect();
        client.expect("220 ");
        client.send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA");

        assertThat(client.reply()).contains("250-PIPELINING", "250-8BITMIME", "250-SIZE 33554432",
                "250 ENHANCEDSTATUSCODES").doesNotContain("AUTH", "STARTTLS");
        client.expect("250 2.1.0").expect("250 2.1.5").expect("354 ");
    }

    @Test
    void refusesCommandsOutOfOrderAndUnknownOnes() throws IOException {
        Client client = connect();
        client.expect("220 ");
        client.send("EHLO client.example").reply();
        client.send("RCPT TO:<b@example.com>").expect("503 ");
        client.send("MAIL FROM:<a@example.com>").expect("250 ");
        client.send("MAIL FROM:<a@example.com>").expect("503 ");
        client.send("DATA").expect("554 5.5.1 No valid recipients");
        client.send("RSET").expect("250 ");
        client.send("DATA").expect("503 ");
        client.send("MAIL TO:<a@example.com>").expect("501 ");
        client.send("VRFY someone").expect("500 ");
        client.send("NOOP").expect("250 ");
        client.send("QUIT").expect("221 ");

        assertThat(client.readLine()).isNull();
        assertThat(smtp.rsetCommands()).isEqualTo(1);
    }

    @Test
    void withLoginsOffersAuthAndRefusesMailBeforeIt() throws IOException {
        smtp.script().acceptLogin("user@example.com", "pw");
        Client client = connect();
        client.expect("220 ");

        assertThat(client.send("EHLO client.example").reply()).contains("AUTH PLAIN LOGIN XOAUTH2\n");
        client.send("MAIL FROM:<a@example.com>").expect("530 5.7.0");
        client.send("AUTH CRAM-MD5").expect("504 ");
        client.send("AUTH PLAIN").expect("334 ");
        client.send("*").expect("501 5.7.0");
        client.send("AUTH PLAIN AHVzZXJAZXhhbXBsZS5jb20AcHc=").expect("235 ");
        client.send("MAIL FROM:<a@example.com>").expect("250 ");
        assertThat(smtp.authCommands()).isEqualTo(3);
    }

    @Test
    void aScriptChangeReachesConnectionsAlreadyOpen() throws IOException {
        Client client = connect();
        client.expect("220 ");
        client.send("HELO client.example").expect("250 ");

        smtp.script().mailReply("451 4.3.0 try later");
        client.send("MAIL FROM:<a@example.com>").expect("451 4.3.0 try later");
        smtp.script().acceptEverything();
        client.send("MAIL FROM:<a@example.com>").expect("250 ");
    }

    @Test
    void aScripted421ClosesTheConnectionAfterTheReply() throws IOException {
        smtp.script().rcptReply("421 4.4.5 shutting down");
        Client client = connect();
        client.expect("220 ");
        client.send("HELO client.example").expect("250 ");
        client.send("MAIL FROM:<a@example.com>").expect("250 ");
        client.send("RCPT TO:<b@example.com>").expect("421 4.4.5 shutting down");

        assertThat(client.readLine()).isNull();
    }

    @Test
    void closeDropsConnectionsStalledBeforeTheGreeting() throws IOException {
        smtp.script().stall(SmtpStep.GREETING);
        Client first = connect();
        Client second = connect();
        await().atMost(WAIT).until(() -> smtp.openConnections() == 2);

        smtp.close();

        assertThat(first.readLineOrReset()).isNull();
        assertThat(second.readLineOrReset()).isNull();
        assertThat(smtp.openConnections()).isZero();
        assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
    }

    @Test
    void dropConnectionsClosesOpenOnesAndKeepsListening() throws IOException {
        Client first = connect();
        first.expect("220 ");

        smtp.dropConnections();

        assertThat(first.readLineOrReset()).isNull();
        connect().expect("220 ");
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void dropConnectionsEndsStalledConnectionsToo() throws IOException {
        smtp.script().stall(SmtpStep.EHLO);
        Client client = connect();
        client.expect("220 ");
        client.send("EHLO client.example");
        await().atMost(WAIT).until(() -> smtp.commands(1).contains("EHLO client.example"));

        smtp.dropConnections();

        assertThat(client.readLineOrReset()).isNull();
        await().atMost(WAIT).until(() -> smtp.openConnections() == 0);
    }

    @Test
    void aReplyMustBeAnSmtpReplyLine() {
        assertThatThrownBy(() -> smtp.script().mailReply("try later")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> smtp.script().greeting("220 two\r\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> smtp.script().closeAfterMessages(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private Client connect() throws IOException {
        Socket socket = new Socket(smtp.host(), smtp.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        sockets.add(socket);
        return new Client(socket);
    }

    /** A line-by-line SMTP client; every read has the socket's generous timeout, so a missing reply fails. */
    private static final class Client {

        private final BufferedReader in;
        private final OutputStream out;

        Client(Socket socket) throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        Client send(String lines) throws IOException {
            out.write((lines + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        /** Reads one reply, all its lines, and checks how it starts. */
        Client expect(String start) throws IOException {
            assertThat(reply()).startsWith(start);
            return this;
        }

        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = readLine();
                assertThat(line).as("a reply line").isNotNull();
                reply.append(line).append('\n');
            }
            while (line.length() > 3 && line.charAt(3) == '-');
            return reply.toString();
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        /** The next line, or null at the end of the stream or a reset: either way the server closed. */
        String readLineOrReset() throws IOException {
            try {
                return in.readLine();
            }
            catch (SocketException ex) {
                return null;
            }
        }
    }
}
