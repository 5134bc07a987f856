package io.mailgw.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;

/**
 * A plain IMAP or POP3 port in front of GreenMail's plain one that offers STARTTLS (IMAP) or STLS
 * (POP3), which GreenMail does not: it adds the capability to the server's answers, performs the
 * upgrade itself with {@link TestCertificate}, and from then on relays bytes unchanged. So a test
 * can show a client upgrading before it logs in. Listens on 127.0.0.1, a dynamic port; one thread
 * per direction per connection. {@link #upgrades()} counts the connections that were upgraded.
 */
public final class StartTlsFront implements AutoCloseable {

    private final Dialect dialect;
    private final int backendPort;
    private final SSLContext tls;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger upgrades = new AtomicInteger();

    private StartTlsFront(Dialect dialect, int backendPort) {
        this.dialect = dialect;
        this.backendPort = backendPort;
        this.tls = serverTls();
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Thread acceptor = new Thread(this::accept, "starttls-front-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** STARTTLS in front of GreenMail's plain IMAP on {@code imapPort}. */
    public static StartTlsFront imap(int imapPort) {
        return new StartTlsFront(Dialect.IMAP, imapPort);
    }

    /** STLS in front of GreenMail's plain POP3 on {@code pop3Port}. */
    public static StartTlsFront pop3(int pop3Port) {
        return new StartTlsFront(Dialect.POP3, pop3Port);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections switched to TLS so far. */
    public int upgrades() {
        return upgrades.get();
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(StartTlsFront::closeQuietly);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread session = new Thread(() -> serve(client), "starttls-front-session");
                session.setDaemon(true);
                session.start();
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            BufferedReader fromBackend = reader(backend.getInputStream());
            BufferedReader fromClient = reader(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            OutputStream toBackend = backend.getOutputStream();
            send(toClient, fromBackend.readLine());
            for (String command = fromClient.readLine(); command != null; command = fromClient.readLine()) {
                String[] words = command.split(" ");
                String verb = words[dialect == Dialect.IMAP && words.length > 1 ? 1 : 0].toUpperCase(Locale.ROOT);
                if (verb.equals(dialect.upgradeCommand)) {
                    send(toClient, dialect.upgradeAnswer(words[0]));
                    relaySecured(client, backend);
                    return;
                }
                send(toBackend, command);
                relayAnswer(fromBackend, toClient, words[0], verb.equals(dialect.capabilityCommand));
            }
        }
        catch (IOException ex) {
            // the client or the server went away: the session ends
        }
        finally {
            closeQuietly(client);
        }
    }

    /** Relays one answer, adding the upgrade to a capability list. */
    private void relayAnswer(BufferedReader fromBackend, OutputStream toClient, String tag, boolean capabilities)
            throws IOException {
        for (String line = fromBackend.readLine(); line != null; line = fromBackend.readLine()) {
            if (dialect == Dialect.IMAP) {
                send(toClient, capabilities && line.startsWith("* CAPABILITY ") ? line + " STARTTLS" : line);
                if (line.startsWith(tag + " ")) {
                    return;
                }
            }
            else {
                boolean multiLine = capabilities && line.startsWith("+OK");
                if (capabilities && line.equals(".")) {
                    send(toClient, "STLS");
                }
                send(toClient, line);
                if (line.equals(".") || line.startsWith("-ERR") || (line.startsWith("+OK") && !multiLine)) {
                    return;
                }
            }
        }
    }

    private void relaySecured(Socket client, Socket backend) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
        secured.setUseClientMode(false);
        secured.startHandshake();
        open.add(secured);
        upgrades.incrementAndGet();
        Thread up = new Thread(() -> pump(secured, backend), "starttls-front-up");
        up.setDaemon(true);
        up.start();
        pump(backend, secured);
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException ex) {
            // one side closed
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    }

    private static void send(OutputStream out, String line) throws IOException {
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static SSLContext serverTls() {
        TestCertificate.presentedBy();
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore(),
                    System.getProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY).toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The test certificate's key cannot be used", ex);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // closing anyway
        }
    }

    private enum Dialect {
        IMAP("CAPABILITY", "STARTTLS"),
        POP3("CAPA", "STLS");

        private final String capabilityCommand;
        private final String upgradeCommand;

        Dialect(String capabilityCommand, String upgradeCommand) {
            this.capabilityCommand = capabilityCommand;
            this.upgradeCommand = upgradeCommand;
        }

        String upgradeAnswer(String tag) {
            return this == IMAP ? tag + " OK Begin TLS negotiation now" : "+OK Begin TLS negotiation";
        }
    }
}
