package io.mailgw.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.mailgw.events.Topics;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the whole local stack on free ports and a temporary data directory, as
 * {@code ./local-stack.sh} does on the default ones, talks to every server over its socket, and
 * restarts it on the same data to see what survives.
 */
class LocalStackIntegrationTests {

    private static final List<String> DEMO_MAILBOX_IDS =
            List.of("demo-default-outbox", "demo-outbox", "demo-support-inbox");
    private static final List<String> GATEWAY_TOPICS = List.of(Topics.OUTBOUND_REQUESTS, Topics.OUTBOUND_STATUS,
            Topics.OUTBOUND_REQUESTS_DLT, Topics.INBOUND_MESSAGES, Topics.CONFIG_CHANGES);

    @TempDir
    static Path dataDir;

    private static final StackPorts ports = StackPorts.free();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ConfigurableApplicationContext stack;

    @BeforeAll
    static void startStack() {
        stack = start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>(ports.arguments());
        arguments.add("--mailgw.localstack.data-dir=" + dataDir);
        return LocalStack.application().run(arguments.toArray(String[]::new));
    }

    @Test
    void kafkaAnswersAndHoldsTheGatewayTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(GATEWAY_TOPICS);
        }
    }

    @Test
    void mongoAnswersAndHoldsTheDemoOnce() {
        try (MongoClient client = MongoClients.create(ports.mongoUri())) {
            MongoDatabase db = client.getDatabase("mailgw");
            assertThat(db.runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
            assertDemoSeededOnce(db);
        }
    }

    @Test
    void demoMailServerDeliversOverSmtpAndServesOverImap() throws Exception {
        String subject = "local stack check " + UUID.randomUUID();
        sendMail("customer@demo.local", subject);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(imapSubjects("customer@demo.local")).contains(subject));
    }

    @Test
    void deliversASendRequestForContractDemoThroughItsOutboxToTheDemoInbox() throws Exception {
        String subject = "demo request " + UUID.randomUUID();
        produce(Topics.OUTBOUND_REQUESTS, "demo", "{\"requestId\":\"" + UUID.randomUUID() + "\",\"contractId\":\"demo\","
                + "\"outbox\":\"SPECIFIC\",\"to\":[\"support@demo.local\"],\"subject\":\"" + subject + "\","
                + "\"text\":\"It works.\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(imapSubjects("support@demo.local")).contains(subject));
    }

    @Test
    void everyServiceReportsUpWithoutALoginOnItsActuator() {
        for (int port : ports.servicePorts()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = health(port);
                assertThat(health.statusCode()).as("health on port %d", port).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");
            });
        }
    }

    @Test
    void keepsDataAcrossARestartWithoutSeedingTwice() throws Exception {
        String topic = "local-stack.restart-check";
        String value = "survives-" + UUID.randomUUID();
        createTopic(topic);
        produce(topic, "key", value);

        stack.close();
        stack = null;
        assertThat(listening(ports.kafkaPort())).as("Kafka port after stop").isFalse();
        assertThat(listening(ports.mongoPort())).as("MongoDB port after stop").isFalse();
        assertThat(listening(ports.smtpPort())).as("SMTP port after stop").isFalse();
        stack = start();

        assertThat(consumeAll(topic)).contains(value);
        try (MongoClient client = MongoClients.create(ports.mongoUri())) {
            assertDemoSeededOnce(client.getDatabase("mailgw"));
        }
        assertThat(Files.readString(dataDir.resolve("secret.key")).trim()).hasSize(44);
    }

    private static void assertDemoSeededOnce(MongoDatabase db) {
        List<Document> mailboxes = db.getCollection("mailboxes").find(in("_id", DEMO_MAILBOX_IDS))
                .into(new ArrayList<>());
        assertThat(mailboxes).extracting(doc -> doc.getString("_id"))
                .containsExactlyInAnyOrderElementsOf(DEMO_MAILBOX_IDS);
        Document inbox = mailboxes.stream().filter(doc -> doc.getString("_id").equals("demo-support-inbox"))
                .findFirst().orElseThrow();
        assertThat(inbox.getEmbedded(List.of("auth", "password", "ciphertext"), String.class)).startsWith("v2:")
                .doesNotContain("demo");
        assertThat(db.getCollection("contracts").countDocuments(new Document("_id", "demo"))).isEqualTo(1);
        Document settings = db.getCollection("settings").find(new Document("_id", "system")).first();
        assertThat(settings).isNotNull();
        assertThat(settings.getString("defaultOutboxId")).isEqualTo("demo-default-outbox");
    }

    private static HttpResponse<String> health(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void sendMail(String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(ports.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("tester@demo.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello.");
        Transport.send(message);
    }

    private static List<String> imapSubjects(String user) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", ports.imapPort(), user, "demo");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        }
        finally {
            store.close();
        }
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
            return values;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
