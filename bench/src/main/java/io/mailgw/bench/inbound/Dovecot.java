package io.mailgw.bench.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mailgw.bench.BenchSettings;
import io.mailgw.bench.infra.ChildProcesses;
import org.awaitility.Awaitility;

/**
 * Debian's Dovecot as the bench's own instance: its configuration, users and maildirs under the
 * run's directory, IMAP, POP3 and LMTP on loopback ports of their own, in the foreground as a
 * child of the harness. Users come from a passwd-file with plain passwords; the system's users
 * and any system Dovecot are left alone. Run as root, mail is owned by {@code nobody}; run as
 * another user, the whole instance runs as that user.
 */
final class Dovecot implements AutoCloseable {

    private final Path dir;
    private final Path baseDir;
    private final Process process;
    private final MailOwner owner;

    private Dovecot(Path dir, Path baseDir, Process process, MailOwner owner) {
        this.dir = dir;
        this.baseDir = baseDir;
        this.process = process;
        this.owner = owner;
    }

    /**
     * Writes the configuration for {@code users} (name and password alike) and starts Dovecot.
     * Call {@link #prepareMail()} after writing maildirs and before reading them.
     */
    static Dovecot start(Path dir, BenchSettings.Ports ports, Collection<String> users) throws IOException {
        Path mailRoot = Files.createDirectories(dir.resolve("mail"));
        // unix sockets live in base_dir, whose path must stay short
        Path baseDir = Files.createTempDirectory("mailgw-bench-dovecot");
        MailOwner owner = MailOwner.current();
        Files.writeString(dir.resolve("users"), users.stream().map(user -> user + ":{PLAIN}" + user + "\n")
                .collect(Collectors.joining()));
        Path config = dir.resolve("dovecot.conf");
        Files.writeString(config, render(Map.ofEntries(
                Map.entry("baseDir", baseDir.toString()),
                Map.entry("stateDir", Files.createDirectories(dir.resolve("state")).toString()),
                Map.entry("log", dir.resolve("dovecot.log").toString()),
                Map.entry("mailRoot", mailRoot.toString()),
                Map.entry("users", dir.resolve("users").toString()),
                Map.entry("mailUid", owner.uid()),
                Map.entry("mailGid", owner.gid()),
                Map.entry("rootless", owner.rootlessSettings()),
                Map.entry("imapPort", String.valueOf(ports.imap())),
                Map.entry("pop3Port", String.valueOf(ports.pop3())),
                Map.entry("lmtpPort", String.valueOf(ports.lmtp())))));
        Process process = ChildProcesses.start(List.of("dovecot", "-F", "-c", config.toString()), Map.of(),
                dir.resolve("dovecot.out"));
        Dovecot dovecot = new Dovecot(dir, baseDir, process, owner);
        dovecot.prepareMail();
        Awaitility.await("Dovecot IMAP on " + ports.imap()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> dovecot.listening(ports.imap()));
        return dovecot;
    }

    private static String render(Map<String, String> values) throws IOException {
        String template;
        try (InputStream in = Dovecot.class.getResourceAsStream("/dovecot.conf.template")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.replace("${" + value.getKey() + "}", value.getValue());
        }
        return template;
    }

    private boolean listening(int port) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Dovecot ended with exit code " + process.exitValue() + "; see "
                    + dir.resolve("dovecot.log") + " and " + dir.resolve("dovecot.out"));
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The maildir of {@code user}, where messages may be written as files. */
    Path maildir(String user) {
        return dir.resolve("mail").resolve(user);
    }

    Path log() {
        return dir.resolve("dovecot.log");
    }

    /** Gives the mail written by the harness to the user Dovecot reads it as. */
    void prepareMail() throws IOException {
        owner.own(dir.resolve("mail"));
    }

    @Override
    public void close() throws IOException {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Whom mail belongs to: {@code nobody} when the harness runs as root (Dovecot refuses root for
     * mail), else the harness's own user, with Dovecot's login and internal users set to it too.
     */
    private record MailOwner(String uid, String gid, String rootlessSettings, boolean chown) {

        static MailOwner current() throws IOException {
            if (id("-u").equals("0")) {
                return new MailOwner(id("-u", "nobody"), id("-g", "nobody"), "", true);
            }
            String name = id("-un");
            return new MailOwner(id("-u"), id("-g"),
                    "default_login_user = " + name + "\ndefault_internal_user = " + name, false);
        }

        void own(Path tree) throws IOException {
            if (chown) {
                run(List.of("chown", "-R", uid + ":" + gid, tree.toString()));
            }
        }

        private static String id(String... options) throws IOException {
            List<String> command = new ArrayList<>(List.of("id"));
            command.addAll(List.of(options));
            return run(command);
        }

        private static String run(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + output);
                }
                return output;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException(String.join(" ", command) + " was interrupted", ex);
            }
            finally {
                process.destroy();
            }
        }
    }
}
