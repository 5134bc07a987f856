package io.mailgw.bench.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mailgw.bench.infra.ChildProcesses;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Postfix's {@code smtp-sink} on loopback: accepts every message and throws it away, so that it
 * measures the client. Its running counters ({@code -c}: {@code sess=.. quit=.. mesg=..}) are
 * read as they come, so the count of accepted messages, and when it last grew, is known at any
 * time: that is how runs without a status event (the naive sender) are timed.
 */
final class SmtpSink implements AutoCloseable {

    private static final Pattern MESSAGES = Pattern.compile("mesg=(\\d+)");

    private final Process process;
    private final AtomicLong messages = new AtomicLong();
    private volatile long lastMessageAtMillis;

    private SmtpSink(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> readCounters(process.getInputStream()), "bench-smtp-sink-counters");
        reader.setDaemon(true);
        reader.start();
    }

    static SmtpSink start(int port) throws IOException {
        List<String> command = new ArrayList<>(List.of("smtp-sink", "-c", "-h", "sink.bench.example"));
        if (ProcessHandle.current().info().user().map("root"::equals).orElse(false)) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("127.0.0.1:" + port, "1000"));
        SmtpSink sink = new SmtpSink(ChildProcesses.startPiped(command));
        Awaitility.await("smtp-sink listening on " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> sink.accepting(port));
        return sink;
    }

    private boolean accepting(int port) {
        if (!process.isAlive()) {
            throw new IllegalStateException("smtp-sink ended with exit code " + process.exitValue());
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private void readCounters(InputStream output) {
        StringBuilder line = new StringBuilder();
        try {
            int next;
            while ((next = output.read()) != -1) {
                if (next == '\r' || next == '\n') {
                    take(line);
                    line.setLength(0);
                }
                else {
                    line.append((char) next);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading smtp-sink's counters failed", ex);
        }
    }

    private void take(CharSequence line) {
        Matcher matcher = MESSAGES.matcher(line);
        if (matcher.find()) {
            long count = Long.parseLong(matcher.group(1));
            if (messages.getAndSet(count) != count) {
                lastMessageAtMillis = System.currentTimeMillis();
            }
        }
    }

    /** Messages accepted since it started. */
    long messages() {
        return messages.get();
    }

    /** When the count last grew, epoch ms. */
    long lastMessageAtMillis() {
        return lastMessageAtMillis;
    }

    /** Waits until {@code target} messages were accepted in all; false when the deadline passed first. */
    boolean awaitMessages(long target, Duration deadline) {
        try {
            Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(50)).until(() -> messages() >= target);
            return true;
        }
        catch (ConditionTimeoutException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(5));
    }
}
