package io.mailgw.bench.inbound;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.mailgw.bench.infra.TopicFollower;
import io.mailgw.events.EventJson;
import io.mailgw.events.MailReceived;
import io.mailgw.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Follows {@code mail.inbound.messages} from its end at the moment it starts, and keeps, per
 * message (its Message-ID, which the bench makes unique), the timestamp of its first record: when
 * the poller published it. A message published twice (at least once delivery) counts once.
 */
final class ReceivedWatcher implements AutoCloseable {

    private final TopicFollower follower;
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> perMailbox = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPerMailbox = new ConcurrentHashMap<>();

    ReceivedWatcher(String bootstrapServers) {
        this.follower = new TopicFollower(bootstrapServers, Topics.INBOUND_MESSAGES, this::take);
    }

    private void take(ConsumerRecord<String, String> record) {
        MailReceived received;
        try {
            received = EventJson.read(record.value(), MailReceived.class);
        }
        catch (RuntimeException ex) {
            return;
        }
        if (received.messageId() != null && publishedAt.putIfAbsent(received.messageId(), record.timestamp()) == null) {
            perMailbox.merge(received.mailboxId(), 1, Integer::sum);
            lastPerMailbox.merge(received.mailboxId(), record.timestamp(), Math::max);
        }
    }

    /** Distinct messages published for {@code mailboxId} since this started. */
    int count(String mailboxId) {
        return perMailbox.getOrDefault(mailboxId, 0);
    }

    /** When the latest new message of {@code mailboxId} was published, epoch ms, or null. */
    Long lastPublishedAt(String mailboxId) {
        return lastPerMailbox.get(mailboxId);
    }

    /** When the message with {@code messageId} was first published, epoch ms, or null. */
    Long publishedAt(String messageId) {
        return publishedAt.get(messageId);
    }

    /** Waits until {@code count} distinct messages of {@code mailboxId} were published; false at the deadline. */
    boolean awaitCount(String mailboxId, int count, Duration deadline) {
        return awaitTrue(() -> count(mailboxId) >= count, deadline);
    }

    /** Waits until every message of {@code messageIds} was published; false at the deadline. */
    boolean awaitAllPublished(Collection<String> messageIds, Duration deadline) {
        return awaitTrue(() -> messageIds.stream().allMatch(publishedAt::containsKey), deadline);
    }

    boolean awaitPublished(String messageId, Duration deadline) {
        return awaitTrue(() -> publishedAt.containsKey(messageId), deadline);
    }

    private static boolean awaitTrue(Callable<Boolean> condition, Duration deadline) {
        try {
            Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(50)).until(condition);
            return true;
        }
        catch (ConditionTimeoutException ex) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
    }
}
