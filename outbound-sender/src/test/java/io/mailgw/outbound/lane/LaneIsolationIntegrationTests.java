package io.mailgw.outbound.lane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.PublishedStatuses;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.outbox.OutboxDirectory;
import io.mailgw.testing.net.TcpProxy;
import io.mailgw.testing.smtp.ReceivedMessage;
import io.mailgw.testing.smtp.ScriptedSmtpServer;
import io.mailgw.testing.smtp.SmtpStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.outbound.EngineRequests.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer's broken server delays nobody else: contract A's outbox stops answering (or refuses
 * every connection) while 200 of its requests and then 100 of contract B's share one partition. B's
 * mail is all delivered while A's still fails, B's p99 delay stays under 2 s, and once A's server is
 * back every one of A's messages arrives exactly once.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.partitions=1",
        "mailgw.outbound.retry.delays=2s,4s,8s,16s",
        "mailgw.outbound.smtp.read-timeout=2s",
        "mailgw.outbound.smtp.deadline=5s",
        "resilience4j.retry.instances.smtp.wait-duration=20ms",
        "resilience4j.circuitbreaker.configs.outbox.wait-duration-in-open-state=2s"})
class LaneIsolationIntegrationTests {

    private static final int A_REQUESTS = 200;
    private static final int B_REQUESTS = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-isolation");

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @Autowired
    OutboxDirectory directory;

    private ScriptedSmtpServer serverA;
    private ScriptedSmtpServer serverB;
    private TcpProxy proxyA;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-isolation");
    }

    @BeforeEach
    void startServers() {
        serverA = ScriptedSmtpServer.start();
        serverB = ScriptedSmtpServer.start();
        proxyA = TcpProxy.to(serverA.host(), serverA.port());
        TwoContracts.seed(mailboxes, contracts, settings, directory, proxyA.port(), serverB.port());
    }

    @AfterEach
    void stopServers() {
        proxyA.close();
        serverA.close();
        serverB.close();
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersDelaysNoOtherContract() throws Exception {
        serverA.script().stall(SmtpStep.GREETING);

        deliversBWhileAFailsThenAOnceWhenBack("stalled", () -> serverA.script().acceptEverything());
    }

    @Test
    void aServerThatRefusesEveryConnectionDelaysNoOtherContract() throws Exception {
        proxyA.refuse(true);

        deliversBWhileAFailsThenAOnceWhenBack("refused", () -> proxyA.refuse(false));
    }

    private void deliversBWhileAFailsThenAOnceWhenBack(String variant, Runnable bringABack) throws Exception {
        List<String> aRequests = new ArrayList<>();
        for (int i = 0; i < A_REQUESTS; i++) {
            String id = uniqueId("a-" + variant);
            aRequests.add(id);
            topics.publish("a", EngineRequests.viaContract(id, "a", "ana@cliente-a.example", id));
        }
        Map<String, Instant> published = new HashMap<>();
        for (int i = 0; i < B_REQUESTS; i++) {
            String id = uniqueId("b-" + variant);
            published.put(id, Instant.now());
            topics.publish("b", EngineRequests.viaContract(id, "b", "luis@cliente-b.example", id));
        }

        await().atMost(PATIENCE).until(() -> published.keySet().stream().allMatch(this::ended));
        List<Duration> delays = TwoContracts.delays(topics.statusTopic(), published);
        Duration p99 = TwoContracts.p99(delays);
        System.out.printf("Isolation (%s): contract B's %d requests delivered while A's server failed; "
                + "B delay p50 %d ms, p99 %d ms, max %d ms; A messages received meanwhile: %d%n", variant,
                delays.size(), delays.get(delays.size() / 2).toMillis(), p99.toMillis(),
                delays.get(delays.size() - 1).toMillis(), serverA.messages().size());
        assertThat(published.keySet()).allSatisfy(id -> assertThat(finalOf(id).status()).isEqualTo(Status.SENT));
        assertThat(serverB.messages()).hasSize(B_REQUESTS);
        assertThat(p99).isLessThan(Duration.ofSeconds(2));
        assertThat(serverA.messages()).isEmpty();

        bringABack.run();

        await().atMost(PATIENCE).until(() -> aRequests.stream().allMatch(this::ended));
        assertThat(aRequests).allSatisfy(id -> assertThat(finalOf(id).status()).isEqualTo(Status.SENT));
        List<ReceivedMessage> received = serverA.messages();
        assertThat(received).extracting(ReceivedMessage::messageId).doesNotHaveDuplicates().hasSize(A_REQUESTS);
        System.out.printf("Isolation (%s): all %d of contract A's requests delivered once after its server came "
                + "back%n", variant, received.size());
    }

    private boolean ended(String requestId) {
        return PublishedStatuses.ended(topics.statusTopic(), requestId);
    }

    private DeliveryStatus finalOf(String requestId) {
        return PublishedStatuses.finalOf(topics.statusTopic(), requestId);
    }
}
