package io.mailgw.localstack.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mailgw.localstack.StackPart;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker and KRaft controller in this JVM. Its log directory is formatted on
 * first start and reused afterwards, so topics and records survive a restart. Kafka's exit and
 * halt calls are turned into log lines and exceptions ({@link KafkaExitGuard}), so that a broker
 * error cannot end the JVM that also runs the services.
 */
public final class KafkaBroker implements StackPart {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Duration readyTimeout;
    private KafkaRaftServer server;

    /**
     * @param logDir       where the broker keeps its log and metadata, created when missing
     * @param readyTimeout how long to wait for the broker to answer clients after it started
     */
    public KafkaBroker(String host, int port, int controllerPort, Path logDir, Duration readyTimeout) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.readyTimeout = readyTimeout;
    }

    @Override
    public String description() {
        return "Kafka broker on " + bootstrapServers() + " (data in " + logDir + ")";
    }

    /** The address clients connect to, such as {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    @Override
    public void start() throws Exception {
        KafkaExitGuard.install();
        Files.createDirectories(logDir);
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties());
        KafkaStorage.formatIfNew(config, logDir);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady();
    }

    private void awaitReady() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) readyTimeout.toMillis()))) {
            admin.describeCluster().nodes().get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":"
                + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.putAll(singleNodeSettings());
        return props;
    }

    /** One replica of everything, few partitions for internal topics, and few threads and buffers. */
    private static Map<String, String> singleNodeSettings() {
        return Map.ofEntries(
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4"),
                Map.entry("background.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("log.cleaner.threads", "1"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)),
                Map.entry("log.index.size.max.bytes", String.valueOf(1024 * 1024)));
    }
}
