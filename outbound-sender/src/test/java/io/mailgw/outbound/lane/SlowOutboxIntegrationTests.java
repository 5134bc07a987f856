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
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.outbox.OutboxDirectory;
import io.mailgw.testing.smtp.ReceivedMessage;
import io.mailgw.testing.smtp.ScriptedSmtpServer;
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
 * A working but slow outbox (50 ms a message, far slower than its lane's {@code queue-capacity /
 * max-queue-wait}): its burst is held back and sent as fast as the server takes it while no other
 * contract's mail waits behind it, and deferred once another contract's does, so that mail goes at once.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.partitions=1",
        "mailgw.outbound.lane.queue-capacity=4",
        "mailgw.outbound.lane.max-queue-wait=20ms",
        "mailgw.outbound.retry.delays=2s,4s,8s,16s"})
class SlowOutboxIntegrationTests {

    private static final int A_REQUESTS = 120;
    private static final int B_REQUESTS = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-slow-outbox");

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @Autowired
    OutboxDirectory directory;

    private ScriptedSmtpServer slow;
    private ScriptedSmtpServer fast;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-slow-outbox");
    }

    @BeforeEach
    void startServers() {
        slow = ScriptedSmtpServer.start();
        slow.script().slowDown(Duration.ofMillis(50));
        fast = ScriptedSmtpServer.start();
        TwoContracts.seed(mailboxes, contracts, settings, directory, slow.port(), fast.port());
    }

    @AfterEach
    void stopServers() {
        slow.close();
        fast.close();
    }

    @Test
    void aSlowOutboxsBurstIsHeldBackAndSentOnceWithoutDeferralsWhileNobodyElseWaits() throws Exception {
        List<String> aRequests = publishA("alone");

        await().atMost(PATIENCE).until(() -> aRequests.stream().allMatch(this::ended));

        assertThat(aRequests).allSatisfy(id -> assertThat(statusesOf(id)).extracting(DeliveryStatus::status)
                .containsExactly(Status.SENT));
        assertThat(slow.messages()).extracting(ReceivedMessage::messageId).doesNotHaveDuplicates()
                .hasSize(A_REQUESTS);
    }

    @Test
    void aSlowOutboxsMailIsDeferredWhenAnotherContractsMailWaitsBehindIt() throws Exception {
        List<String> aRequests = publishA("shared");
        Map<String, Instant> bPublished = new HashMap<>();
        for (int i = 0; i < B_REQUESTS; i++) {
            String id = uniqueId("b-shared");
            bPublished.put(id, Instant.now());
            topics.publish("b", EngineRequests.viaContract(id, "b", "luis@cliente-b.example", id));
        }

        await().atMost(PATIENCE).until(() -> bPublished.keySet().stream().allMatch(this::ended));
        List<Duration> delays = TwoContracts.delays(topics.statusTopic(), bPublished);
        Duration p99 = TwoContracts.p99(delays);
        int aSentMeanwhile = slow.messages().size();
        System.out.printf("Slow outbox: contract B's %d requests behind %d of A's, B delay p50 %d ms, p99 %d ms; "
                + "A messages sent meanwhile: %d%n", delays.size(), A_REQUESTS, delays.get(delays.size() / 2).toMillis(),
                p99.toMillis(), aSentMeanwhile);
        assertThat(p99).isLessThan(Duration.ofSeconds(2));
        assertThat(aSentMeanwhile).isLessThan(A_REQUESTS);

        await().atMost(PATIENCE).until(() -> aRequests.stream().allMatch(this::ended));
        assertThat(aRequests).allSatisfy(id -> assertThat(finalOf(id).status()).isEqualTo(Status.SENT));
        assertThat(aRequests.stream().flatMap(id -> statusesOf(id).stream()).filter(status -> status.error() != null)
                .map(status -> status.error().code())).contains(ErrorCode.OUTBOX_BUSY.name());
        assertThat(slow.messages()).extracting(ReceivedMessage::messageId).doesNotHaveDuplicates()
                .hasSize(A_REQUESTS);
    }

    private List<String> publishA(String variant) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < A_REQUESTS; i++) {
            String id = uniqueId("a-" + variant);
            ids.add(id);
            topics.publish("a", EngineRequests.viaContract(id, "a", "ana@cliente-a.example", id));
        }
        return ids;
    }

    private boolean ended(String requestId) {
        return PublishedStatuses.ended(topics.statusTopic(), requestId);
    }

    private List<DeliveryStatus> statusesOf(String requestId) {
        return PublishedStatuses.of(topics.statusTopic(), requestId);
    }

    private DeliveryStatus finalOf(String requestId) {
        return PublishedStatuses.finalOf(topics.statusTopic(), requestId);
    }
}
