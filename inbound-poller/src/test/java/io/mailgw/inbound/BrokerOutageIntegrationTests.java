package io.mailgw.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.EventJson;
import io.mailgw.events.MailReceived;
import io.mailgw.events.Topics;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.Flags;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guarantee under a Kafka outage: the broker is stopped in the middle of a batch (four of its
 * records sent and acknowledged, the fifth held at the producer until the broker is gone). Nothing
 * past the acknowledged records is checkpointed or marked seen on the server. A new broker on the
 * same port and a new poller then publish the rest: nothing is lost.
 */
class BrokerOutageIntegrationTests {

    private static final String ID = "mbx-outage";
    private static final String USER = "outage@xpto.example";
    private static final String PASSWORD = "outage-Pa55";
    private static final int MESSAGES = 30;
    private static final int HELD_RECORD = 15;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    @Test
    void aBrokerStoppedInTheMiddleOfABatchLeavesNothingCheckpointedOrMarkedBeyondItsAcks() throws Exception {
        GreenMailUser user = greenMail.setUser(USER, USER, PASSWORD);
        for (int i = 1; i <= MESSAGES; i++) {
            user.deliver(GreenMailUtil.createTextEmail(USER, "ana@cliente.example", "Pedido " + i, "texto",
                    greenMail.getSmtp().getServerSetup()));
        }
        int port = freePort();
        EmbeddedKafkaKraftBroker first = broker(port);
        List<MailReceived> beforeOutage;
        try (ConfigurableApplicationContext poller = startPoller(first, true);
             KafkaTopicTail tail = new KafkaTopicTail(first.getBrokersAsString(), Topics.INBOUND_MESSAGES)) {
            poller.getBean(MailboxRepository.class).save(TestMailboxes.imapInboxMarkingSeen(ID,
                    greenMail.getImap().getPort(), USER, PASSWORD));
            assertThat(Gate.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the fifteenth record is held").isTrue();
            await().atMost(WAIT).until(() -> tail.withKey(ID).size() == HELD_RECORD - 1);
            beforeOutage = events(tail);

            first.destroy();
            Gate.release.countDown();

            MailboxStatusRecorder status = poller.getBean(MailboxStatusRecorder.class);
            await().atMost(WAIT).until(() -> status.read(ID).state() == MailboxState.DEGRADED);
            assertThat(status.read(ID).lastError()).contains("publishing " + ID + ":");
            assertThat(lastUid(poller)).as("the checkpoint stops at the last acknowledged message")
                    .isEqualTo(HELD_RECORD - 1);
            assertThat(seenUids()).as("marked seen: the acknowledged messages only")
                    .containsExactlyElementsOf(uids(1, HELD_RECORD - 1));
        }

        EmbeddedKafkaKraftBroker second = broker(port);
        try (ConfigurableApplicationContext poller = startPoller(second, false);
             KafkaTopicTail tail = new KafkaTopicTail(second.getBrokersAsString(), Topics.INBOUND_MESSAGES)) {
            await().atMost(WAIT).until(() -> tail.withKey(ID).size() >= MESSAGES - (HELD_RECORD - 1));
            await().atMost(WAIT).until(() -> seenUids().size() == MESSAGES);

            List<MailReceived> all = new ArrayList<>(beforeOutage);
            all.addAll(events(tail));
            assertThat(all).extracting(MailReceived::uid).containsExactlyElementsOf(uids(1, MESSAGES));
            assertThat(lastUid(poller)).isEqualTo(MESSAGES);
        }
        finally {
            second.destroy();
        }
    }

    private static ConfigurableApplicationContext startPoller(EmbeddedKafkaKraftBroker broker, boolean gated) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("inbound-outage-tests"),
                "--mailgw.secret-key=" + TestInfrastructure.TEST_SECRET_KEY,
                "--mailgw.connect-allow=" + TestInfrastructure.CONNECT_ALLOW,
                "--mailgw.connect-ports=" + TestInfrastructure.CONNECT_PORTS,
                "--mailgw.inbound.tick=200ms",
                "--mailgw.inbound.refresh=500ms",
                "--mailgw.inbound.lease-period=3s",
                "--mailgw.inbound.min-poll-interval=1s",
                "--mailgw.inbound.batch-size=10",
                "--mailgw.inbound.backoff-initial=500ms",
                "--mailgw.inbound.publish-timeout=15s",
                "--spring.kafka.producer.properties.linger.ms=0",
                "--spring.kafka.producer.properties.request.timeout.ms=2000",
                "--spring.kafka.producer.properties.delivery.timeout.ms=5000",
                "--spring.kafka.producer.properties.max.block.ms=3000"));
        if (gated) {
            arguments.add("--spring.kafka.producer.properties.interceptor.classes=" + Gate.class.getName());
        }
        return InboundPollerApplication.application().run(arguments.toArray(String[]::new));
    }

    private static EmbeddedKafkaKraftBroker broker(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1).kafkaPorts(port);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
        return broker;
    }

    private static List<MailReceived> events(KafkaTopicTail tail) {
        return tail.withKey(ID).stream().map(record -> EventJson.read(record.value(), MailReceived.class)).toList();
    }

    private static long lastUid(ConfigurableApplicationContext poller) {
        Document checkpoint = poller.getBean(MongoOperations.class).findById(ID, Document.class, "inbound_checkpoints");
        return ((Number) checkpoint.get("lastUid")).longValue();
    }

    private static List<Long> seenUids() throws Exception {
        GreenMailUser owner = greenMail.getUserManager().getUserByEmail(USER);
        List<StoredMessage> inbox = greenMail.getManagers().getImapHostManager().getInbox(owner).getMessages();
        return inbox.stream().filter(message -> message.isSet(Flags.Flag.SEEN)).map(StoredMessage::getUid).sorted()
                .collect(Collectors.toList());
    }

    private static List<Long> uids(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Holds the producer's fifteenth record until the test has stopped the broker. */
    public static final class Gate implements ProducerInterceptor<String, String> {

        static final CountDownLatch reached = new CountDownLatch(1);
        static final CountDownLatch release = new CountDownLatch(1);
        private static final AtomicInteger sends = new AtomicInteger();

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            if (ID.equals(record.key()) && sends.incrementAndGet() == HELD_RECORD) {
                reached.countDown();
                try {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
