package io.mailgw.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.mailgw.events.Topics;
import io.mailgw.testing.KafkaTopicTail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack's OAuth2 demo end to end, on free ports: the demo token endpoint (HTTPS, its own
 * certificate, trusted by the services) issues the demo token, and the demo mail server takes it
 * over XOAUTH2 for the demo OAuth2 user; the gateway reads that user's inbox and sends through the
 * OAuth2 outbox of contract {@code demo-oauth2}, as the README shows.
 */
class OAuth2DemoIntegrationTests {

    private static final Duration A_WHILE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;

    private static final StackPorts ports = StackPorts.free();
    private static ConfigurableApplicationContext stack;
    private static KafkaTopicTail inbound;

    @BeforeAll
    static void startStack() {
        List<String> arguments = new ArrayList<>(ports.arguments());
        arguments.add("--mailgw.localstack.data-dir=" + dataDir);
        stack = LocalStack.application().run(arguments.toArray(String[]::new));
        inbound = new KafkaTopicTail(ports.kafkaBootstrap(), Topics.INBOUND_MESSAGES);
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (inbound != null) {
            inbound.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readsTheDemoOAuth2InboxWithTheDemoToken() throws Exception {
        String subject = "oauth2 inbox " + UUID.randomUUID();
        sendMail("oauth@demo.local", subject);

        await().atMost(A_WHILE).untilAsserted(() -> assertThat(inbound.withKey("demo-oauth2-inbox"))
                .anySatisfy(record -> assertThat(record.value()).contains(subject)));
    }

    @Test
    void sendsThroughTheOAuth2OutboxOfContractDemoOAuth2() throws Exception {
        String subject = "oauth2 outbox " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(java.util.Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OUTBOUND_REQUESTS, "demo-oauth2", "{\"requestId\":\""
                    + UUID.randomUUID() + "\",\"contractId\":\"demo-oauth2\",\"outbox\":\"SPECIFIC\","
                    + "\"to\":[\"customer@demo.local\"],\"subject\":\"" + subject + "\",\"text\":\"Via OAuth2.\"}"))
                    .get();
        }

        await().atMost(A_WHILE).untilAsserted(() -> assertThat(receivedBy("customer@demo.local"))
                .anySatisfy(message -> assertThat(message).contains(subject).contains("oauth@demo.local")));
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

    /** Subject and From of each message in the user's inbox, read with the demo password. */
    private static List<String> receivedBy(String user) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", ports.imapPort(), user, "demo");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> messages = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                messages.add(message.getSubject() + " from " + InternetAddress.toString(message.getFrom()));
            }
            inbox.close(false);
            return messages;
        }
        finally {
            store.close();
        }
    }
}
