package io.mailgw.testing;

import java.net.InetSocketAddress;
import java.util.Base64;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * One Kafka and one MongoDB per test JVM, started on first use and stopped when the JVM exits.
 * Where a Docker daemon answers they are Testcontainers' real {@code apache/kafka} and
 * {@code mongo} images; elsewhere an in-process KRaft broker (real Apache Kafka code) and the
 * mongo-java-server wire server, both on dynamic ports. Tests talk to either over a socket.
 */
public final class TestInfrastructure {

    /** A fixed test key (base64 of 32 bytes), never used outside tests. */
    public static final String TEST_SECRET_KEY = Base64.getEncoder().encodeToString(
            "mailgw-test-key-32-bytes-exactly".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    /**
     * What the connect guard lets tests reach: GreenMail on 127.0.0.1 ({@code mailgw.connect-allow}) on
     * any port a test server may get, besides the standard mail ports ({@code mailgw.connect-ports}).
     */
    public static final String CONNECT_ALLOW = "127.0.0.0/8";
    public static final String CONNECT_PORTS = "25,465,587,2525,110,995,143,993,1024-65535";

    private static final boolean DOCKER = dockerAnswers();
    private static String kafkaBootstrapServers;
    private static String mongoBaseUri;

    private TestInfrastructure() {
    }

    /** Whether this run uses Testcontainers (true) or the embedded servers (false). */
    public static boolean usesDocker() {
        return DOCKER;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            kafkaBootstrapServers = DOCKER ? startKafkaContainer() : startEmbeddedKafka();
        }
        return kafkaBootstrapServers;
    }

    /** A connection string to a database of its own, so that test classes do not see each other's data. */
    public static synchronized String mongoUri(String database) {
        if (mongoBaseUri == null) {
            mongoBaseUri = DOCKER ? startMongoContainer() : startEmbeddedMongo();
        }
        return mongoBaseUri + database;
    }

    /**
     * Points a Spring Boot test at the shared servers and a database of its own, and lets the connect
     * guard through to test mail servers on loopback ({@link #CONNECT_ALLOW}, {@link #CONNECT_PORTS}).
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", () -> mongoUri(database));
        registry.add("mailgw.secret-key", () -> TEST_SECRET_KEY);
        registry.add("mailgw.connect-allow", () -> CONNECT_ALLOW);
        registry.add("mailgw.connect-ports", () -> CONNECT_PORTS);
    }

    private static String startEmbeddedKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        return broker.getBrokersAsString();
    }

    private static String startKafkaContainer() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        kafka.start();
        return kafka.getBootstrapServers();
    }

    private static String startEmbeddedMongo() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-stop"));
        return "mongodb://127.0.0.1:" + address.getPort() + "/";
    }

    private static String startMongoContainer() {
        MongoDBContainer mongo = new MongoDBContainer("mongo:8");
        mongo.start();
        return mongo.getConnectionString() + "/";
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }
}
