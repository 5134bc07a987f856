package io.mailgw.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run does, from environment variables ({@code BENCH_*}) with the defaults of
 * {@code docs/benchmarks.md}: counts, sizes, pacing, deadlines and the loopback ports. Every wait
 * is bounded by a deadline, so a slow gateway makes a run report partial figures, never hang.
 *
 * @param repository the repository root, where the services' executable jars are built
 * @param workDir    where a run keeps its data, logs and results; emptied at the start of a run
 * @param ports      the loopback ports of everything the run starts
 * @param outbound   the outbound benchmark
 * @param inbound    the inbound benchmark
 */
public record BenchSettings(Path repository, Path workDir, Ports ports, Outbound outbound, Inbound inbound) {

    /**
     * @param kafka           the embedded Kafka broker; default 19092 (its controller one above)
     * @param mongo           the MongoDB wire server; default 19017
     * @param sender          the outbound-sender's actuator; default 18082
     * @param poller          the inbound-poller's actuator; default 18081
     * @param smtpSink        smtp-sink, the outboxes' SMTP server; default 10025
     * @param imap            Dovecot's IMAP; default 10143
     * @param pop3            Dovecot's POP3; default 10110
     * @param lmtp            Dovecot's LMTP; default 10024
     */
    public record Ports(int kafka, int mongo, int sender, int poller, int smtpSink, int imap, int pop3, int lmtp) {

        /** What the services' connect guard must let through ({@code mailgw.connect-ports}). */
        public String mailPorts() {
            return smtpSink + "," + imap + "," + pop3;
        }
    }

    /**
     * @param messages     requests of the bulk runs (gateway and naive sender); default 20,000
     * @param messageBytes size of each request's text body; default 10,240
     * @param warmup       requests sent and awaited before each measured run of the gateway, once the sender is
     *                     up (the naive sender gets at most {@code NAIVE_WARMUP} of them); default 3,000
     * @param pacedRate    requests per second of the paced run; default 200
     * @param pacedFor     length of the paced run; default 30 s
     * @param deadline     how long a run may take before it is reported unfinished; default 10 min
     * @param connections  smtp-source sessions of the limit, as many as the outbox's lane; default 4
     * @param senderHeap   the sender's {@code -Xmx}; default {@code 256m}
     * @param senderArguments more {@code --name=value} properties for the sender; default none
     */
    public record Outbound(int messages, int messageBytes, int warmup, int pacedRate, Duration pacedFor,
                           Duration deadline, int connections, String senderHeap, List<String> senderArguments) {
    }

    /**
     * @param messages       messages of the drained folder; default 10,000
     * @param messageBytes   size of each; default 10,240
     * @param warmup         messages of a folder the poller drains first, unmeasured; default 3,000
     * @param idleMessages   messages delivered one by one for the IDLE latency; default 200
     * @param idleSpacing    time between two of those deliveries; default 500 ms
     * @param pollInterval   {@code pollIntervalSeconds} of the drained and the IDLE mailboxes; default 10 s
     * @param mailboxes      mailboxes of the many-mailboxes run; default 5,000
     * @param manyInterval   their {@code pollIntervalSeconds}; default 60 s
     * @param manyFor        how long the many-mailboxes run is watched; default 4 min
     * @param deadline       how long the drain may take before it is reported unfinished; default 10 min
     * @param pollerHeap     the poller's {@code -Xmx}; default {@code 512m}
     * @param pollerArguments more {@code --name=value} properties for the poller; default none
     */
    public record Inbound(int messages, int messageBytes, int warmup, int idleMessages, Duration idleSpacing,
                          Duration pollInterval, int mailboxes, Duration manyInterval, Duration manyFor,
                          Duration deadline, String pollerHeap, List<String> pollerArguments) {
    }

    /** Reads the settings from {@code env}; {@code repository} is where {@code ./bench/run.sh} runs from. */
    public static BenchSettings from(Map<String, String> env, Path repository) {
        Settings read = new Settings(env);
        Path workDir = Path.of(env.getOrDefault("BENCH_WORK_DIR",
                repository.resolve("bench/target/run").toString()));
        Ports ports = new Ports(read.integer("BENCH_KAFKA_PORT", 19092), read.integer("BENCH_MONGO_PORT", 19017),
                read.integer("BENCH_SENDER_PORT", 18082), read.integer("BENCH_POLLER_PORT", 18081),
                read.integer("BENCH_SMTP_SINK_PORT", 10025), read.integer("BENCH_IMAP_PORT", 10143),
                read.integer("BENCH_POP3_PORT", 10110), read.integer("BENCH_LMTP_PORT", 10024));
        Outbound outbound = new Outbound(read.integer("BENCH_OUTBOUND_MESSAGES", 20_000),
                read.integer("BENCH_MESSAGE_BYTES", 10_240), read.integer("BENCH_OUTBOUND_WARMUP", 3_000),
                read.integer("BENCH_PACED_RATE", 200), read.seconds("BENCH_PACED_SECONDS", 30),
                read.seconds("BENCH_OUTBOUND_DEADLINE_SECONDS", 600), read.integer("BENCH_SMTP_CONNECTIONS", 4),
                env.getOrDefault("BENCH_SENDER_HEAP", "256m"), read.words("BENCH_SENDER_ARGS"));
        Inbound inbound = new Inbound(read.integer("BENCH_INBOUND_MESSAGES", 10_000),
                read.integer("BENCH_MESSAGE_BYTES", 10_240), read.integer("BENCH_INBOUND_WARMUP", 3_000),
                read.integer("BENCH_IDLE_MESSAGES", 200),
                Duration.ofMillis(read.integer("BENCH_IDLE_SPACING_MS", 500)),
                read.seconds("BENCH_POLL_INTERVAL_SECONDS", 10), read.integer("BENCH_MAILBOXES", 5_000),
                read.seconds("BENCH_MAILBOXES_INTERVAL_SECONDS", 60), read.seconds("BENCH_MAILBOXES_SECONDS", 240),
                read.seconds("BENCH_INBOUND_DEADLINE_SECONDS", 600), env.getOrDefault("BENCH_POLLER_HEAP", "512m"),
                read.words("BENCH_POLLER_ARGS"));
        return new BenchSettings(repository, workDir, ports, outbound, inbound);
    }

    private record Settings(Map<String, String> env) {

        int integer(String name, int fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.trim().replace("_", ""));
                if (parsed < 0) {
                    throw new NumberFormatException("negative");
                }
                return parsed;
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException(name + "=" + value + " is not a whole number >= 0", ex);
            }
        }

        Duration seconds(String name, int fallback) {
            return Duration.ofSeconds(integer(name, fallback));
        }

        List<String> words(String name) {
            String value = env.getOrDefault(name, "").trim();
            return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
        }
    }
}
