package io.mailgw.testing.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy between a plain socket client and an echo server, and between Angus Mail and GreenMail's IMAP. */
class TcpProxyTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EchoServer echo = new EchoServer();
    private final TcpProxy proxy = TcpProxy.to("127.0.0.1", echo.port());
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        proxy.close();
        echo.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void forwardsBothWaysAsBytesArrive() throws Exception {
        Socket client = connect(proxy.port());
        assertThat(exchange(client, "first line\n")).isEqualTo("first line\n");
        byte[] payload = new byte[4 << 20];
        new Random(7).nextBytes(payload);

        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(client, payload));
        byte[] echoed = client.getInputStream().readNBytes(payload.length);
        writing.get();

        assertThat(Arrays.equals(echoed, payload)).as("4 MiB echoed unchanged").isTrue();
        assertThat(proxy.serverBytes()).isEqualTo("first line\n".length() + payload.length);
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void cutAllClosesEveryOpenConnectionAndNewOnesAreForwarded() throws IOException {
        Socket first = connect(proxy.port());
        Socket second = connect(proxy.port());
        exchange(first, "one\n");
        exchange(second, "two\n");

        proxy.cutAll();

        assertThat(readToEnd(first)).isEmpty();
        assertThat(readToEnd(second)).isEmpty();
        assertThat(proxy.cutConnections()).isEqualTo(2);
        await().atMost(WAIT).until(() -> proxy.openConnections() == 0);
        assertThat(exchange(connect(proxy.port()), "three\n")).isEqualTo("three\n");
    }

    @Test
    void cutAfterServerBytesForwardsExactlyThatManyMoreThenEnds() throws IOException {
        Socket client = connect(proxy.port());
        exchange(client, "before the cut\n");
        byte[] payload = "x".repeat(300).getBytes(StandardCharsets.US_ASCII);

        proxy.cutAfterServerBytes(100);
        client.getOutputStream().write(payload);

        assertThat(readToEnd(client)).hasSize(100);
        assertThat(proxy.cutConnections()).isEqualTo(1);
    }

    @Test
    void cutAfterServerBytesCountsANewConnectionFromItsStartUntilCuttingStops() throws IOException {
        proxy.cutAfterServerBytes(5);
        Socket cut = connect(proxy.port());
        cut.getOutputStream().write("0123456789\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(readToEnd(cut), StandardCharsets.US_ASCII)).isEqualTo("01234");

        proxy.stopCutting();

        assertThat(exchange(connect(proxy.port()), "0123456789\n")).isEqualTo("0123456789\n");
        assertThat(proxy.cutConnections()).isEqualTo(1);
    }

    @Test
    void refusingClosesNewConnectionsAtOnceWhileOpenOnesGoOn() throws IOException {
        Socket open = connect(proxy.port());
        exchange(open, "hello\n");

        proxy.refuse(true);
        Socket refused = connect(proxy.port());

        assertThat(readToEnd(refused)).isEmpty();
        assertThat(proxy.refusedConnections()).isEqualTo(1);
        assertThat(exchange(open, "still here\n")).isEqualTo("still here\n");
        proxy.refuse(false);
        assertThat(exchange(connect(proxy.port()), "back\n")).isEqualTo("back\n");
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    void aTargetThatIsDownClosesTheClientAtOnce() throws IOException {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            deadPort = gone.getLocalPort();
        }
        try (TcpProxy toNowhere = TcpProxy.to("127.0.0.1", deadPort)) {
            assertThat(readToEnd(connect(toNowhere.port()))).isEmpty();
            assertThat(toNowhere.openConnections()).isZero();
        }
    }

    @Test
    void closeEndsEveryConnectionAndStopsListening() throws IOException {
        Socket client = connect(proxy.port());
        exchange(client, "hello\n");

        proxy.close();

        assertThat(readToEnd(client)).isEmpty();
        assertThatThrownBy(() -> connect(proxy.port())).isInstanceOf(IOException.class);
    }

    @Test
    void anImapFetchCutMidwayFailsAndTheNextConnectionReadsTheWholeMessage() throws Exception {
        GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        try (TcpProxy toImap = TcpProxy.to("127.0.0.1", imap.getImap().getPort())) {
            String body = String.join("\r\n", Collections.nCopies(20_000, "0123456789abcdef"));
            deliverTo(imap, body);

            Store cutStore = imapStore(toImap);
            Folder cutInbox = cutStore.getFolder("INBOX");
            cutInbox.open(Folder.READ_ONLY);
            Message cutMessage = cutInbox.getMessage(1);
            toImap.cutAfterServerBytes(50_000);

            assertThatThrownBy(() -> cutMessage.getInputStream().readAllBytes()).isInstanceOf(IOException.class)
                    .hasCauseInstanceOf(FolderClosedException.class).hasMessageContaining("Connection dropped by server");
            assertThat(toImap.cutConnections()).isEqualTo(1);
            toImap.stopCutting();
            Store store = imapStore(toImap);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(new String(inbox.getMessage(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .hasSize(body.length()).isEqualTo(body);
            store.close();
        }
        finally {
            imap.stop();
        }
    }

    private static void deliverTo(GreenMail imap, String body) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("sender@example.com");
        message.setRecipients(Message.RecipientType.TO, "reader@example.com");
        message.setSubject("A large message");
        message.setText(body, "us-ascii");
        message.saveChanges();
        imap.setUser("reader@example.com", "reader", "pw").deliver(message);
    }

    private static Store imapStore(TcpProxy toImap) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        properties.put("mail.imap.partialfetch", "false");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", toImap.port(), "reader", "pw");
        return store;
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) WAIT.toMillis());
        sockets.add(socket);
        return socket;
    }

    private static String exchange(Socket client, String line) throws IOException {
        client.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
        byte[] echoed = client.getInputStream().readNBytes(line.length());
        return new String(echoed, StandardCharsets.US_ASCII);
    }

    /** Everything until the end of the stream; a reset ends it too, as from a connection refused or cut. */
    private static byte[] readToEnd(Socket client) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = client.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int count;
            while ((count = in.read(buffer)) != -1) {
                read.write(buffer, 0, count);
            }
        }
        catch (SocketException ex) {
            // a reset: the connection ended
        }
        return read.toByteArray();
    }

    private static void write(Socket client, byte[] bytes) {
        try {
            client.getOutputStream().write(bytes);
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Writes back every byte it reads, one thread per connection. */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket listener;

        EchoServer() {
            try {
                listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            Thread acceptor = new Thread(this::accept, "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = listener.accept();
                    Thread echo = new Thread(() -> echo(socket), "echo");
                    echo.setDaemon(true);
                    echo.start();
                }
            }
            catch (IOException ex) {
                // closed by the test
            }
        }

        private static void echo(Socket socket) {
            try (socket) {
                socket.getInputStream().transferTo(socket.getOutputStream());
            }
            catch (IOException ex) {
                // the proxy cut or closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
