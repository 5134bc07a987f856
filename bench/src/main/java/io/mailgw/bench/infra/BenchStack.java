package io.mailgw.bench.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.mailgw.bench.BenchSettings;
import io.mailgw.events.Topics;
import io.mailgw.localstack.kafka.KafkaBroker;
import io.mailgw.localstack.mongo.MongoWireServer;
import io.mailgw.model.secret.SecretCipher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedded Kafka broker and MongoDB wire server of a run, the very ones the local stack
 * runs, in this JVM; the topics, created as the gateway creates them (12 partitions, the requests
 * topic with 16 MiB records); and the run's password key. Kafka keeps its data under the run's
 * directory; the MongoDB wire server keeps its in memory, not in the local stack's H2 file, whose
 * unique indexes serialize both keys on every comparison, a cost of the stand-in that no real
 * MongoDB has. Both are stopped on {@link #close()}.
 */
public final class BenchStack implements AutoCloseable {

    /** The naive sender's own requests topic: the same events, apart from the gateway's. */
    public static final String NAIVE_REQUESTS = "bench.naive.requests";
    private static final int PARTITIONS = 12;
    private static final String DATABASE = "mailgw";

    private final KafkaBroker kafka;
    private final MongoWireServer mongo;
    private final String secretKey = SecretCipher.newBase64Key();
    private final Admin admin;

    private BenchStack(KafkaBroker kafka, MongoWireServer mongo, Admin admin) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.admin = admin;
    }

    public static BenchStack start(BenchSettings settings) throws Exception {
        Path dir = settings.workDir();
        KafkaBroker kafka = new KafkaBroker("127.0.0.1", settings.ports().kafka(), settings.ports().kafka() + 1,
                dir.resolve("kafka"), Duration.ofSeconds(60));
        MongoWireServer mongo = MongoWireServer.inMemory("127.0.0.1", settings.ports().mongo());
        kafka.start();
        try {
            mongo.start();
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            BenchStack stack = new BenchStack(kafka, mongo, admin);
            stack.createTopics();
            return stack;
        }
        catch (Exception | Error ex) {
            mongo.stop();
            kafka.stop();
            throw ex;
        }
    }

    private void createTopics() throws Exception {
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        List<NewTopic> topics = List.of(
                new NewTopic(Topics.OUTBOUND_REQUESTS, PARTITIONS, (short) 1).configs(large),
                new NewTopic(Topics.OUTBOUND_REQUESTS_DLT, PARTITIONS, (short) 1).configs(large),
                new NewTopic(Topics.OUTBOUND_STATUS, PARTITIONS, (short) 1),
                new NewTopic(Topics.INBOUND_MESSAGES, PARTITIONS, (short) 1),
                new NewTopic(Topics.CONFIG_CHANGES, PARTITIONS, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(NAIVE_REQUESTS, PARTITIONS, (short) 1).configs(large));
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoUri() {
        return mongo.uri(DATABASE);
    }

    /** The key the services encrypt and decrypt mailbox passwords with; never printed. */
    public String secretKey() {
        return secretKey;
    }

    public SecretCipher cipher() {
        return SecretCipher.fromBase64Key(secretKey);
    }

    public Admin admin() {
        return admin;
    }

    /** A producer as a workflow engine would configure it: acks=all, idempotent, small linger. */
    public KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024),
                new StringSerializer(), new StringSerializer());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
        mongo.stop();
        kafka.stop();
    }
}
