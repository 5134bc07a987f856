package io.mailgw.bench.outbound;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mailgw.bench.infra.ChildProcesses;
import io.mailgw.bench.report.Figures;

/**
 * The limit of sending on this machine: Postfix's {@code smtp-source} pushing messages of the
 * run's size into the same smtp-sink, timed from its start to its end. With {@code -d} each
 * session keeps its connection for the next message, as a pooled sender does.
 */
final class SmtpSourceLimit {

    private final int port;
    private final Path log;

    SmtpSourceLimit(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /**
     * @param sessions         parallel SMTP sessions ({@code -s})
     * @param reuseConnections whether a session keeps its connection between messages ({@code -d})
     * @return messages per second
     */
    double measure(int sessions, int messages, int messageBytes, boolean reuseConnections, SmtpSink sink)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("smtp-source", "-s", String.valueOf(sessions), "-m",
                String.valueOf(messages), "-l", String.valueOf(messageBytes), "-f", "noreply@bench.example",
                "-t", "ana@cliente.example", "-M", "source.bench.example"));
        if (reuseConnections) {
            command.add("-d");
        }
        command.add("127.0.0.1:" + port);
        long before = sink.messages();
        long start = System.nanoTime();
        Process process = ChildProcesses.start(command, Map.of(), log);
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ChildProcesses.stop(process, Duration.ofSeconds(5));
        if (!ended || process.exitValue() != 0) {
            throw new IllegalStateException("smtp-source " + String.join(" ", command) + " failed; see " + log);
        }
        sink.awaitMessages(before + messages, Duration.ofSeconds(10));
        if (sink.messages() - before < messages) {
            throw new IllegalStateException("smtp-sink counted " + (sink.messages() - before) + " of the " + messages
                    + " messages smtp-source sent");
        }
        return Figures.rate(messages, took);
    }
}
