package io.mailgw.config.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The first pass of a re-drive: reads the dead-letter topic from its beginning to the end offsets it
 * had when the scan began, and notes where the last letter of each wanted request lies. It keeps
 * positions, never records, so memory grows with the number of wanted requests, not with the topic.
 */
final class DeadLetterScan {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deadline deadline;

    DeadLetterScan(Consumer<byte[], byte[]> consumer, String topic, Deadline deadline) {
        this.consumer = consumer;
        this.topic = topic;
        this.deadline = deadline;
    }

    /**
     * @param wanted the request ids to look for
     * @return by request id, where its last dead letter lies; requests without one are left out
     * @throws Deadline.ExceededException when the end is not reached in time
     */
    Map<String, DeadLetter> lastLetters(Set<String> wanted) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, deadline.remaining());
        if (infos == null || infos.isEmpty() || wanted.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline.remaining());
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, deadline.remaining());
        Set<TopicPartition> unread = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (starts.get(partition) < ends.get(partition)) {
                consumer.seek(partition, starts.get(partition));
                unread.add(partition);
            }
        }
        consumer.pause(partitions.stream().filter(partition -> !unread.contains(partition)).toList());
        Map<String, DeadLetter> last = new HashMap<>();
        while (!unread.isEmpty()) {
            deadline.check("reading " + topic + " to its end");
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(deadline.atMost(POLL))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    note(record, wanted, last);
                }
            }
            finished(unread, ends);
        }
        return last;
    }

    private static void note(ConsumerRecord<byte[], byte[]> record, Set<String> wanted, Map<String, DeadLetter> last) {
        String requestId = DeadLetter.requestIdOf(record);
        if (requestId != null && wanted.contains(requestId)) {
            DeadLetter letter = DeadLetter.at(record);
            last.merge(requestId, letter, (known, found) -> found.isLaterThan(known) ? found : known);
        }
    }

    /** Stops reading the partitions whose position reached the end offset of the scan's start. */
    private void finished(Set<TopicPartition> unread, Map<TopicPartition, Long> ends) {
        List<TopicPartition> done = unread.stream()
                .filter(partition -> consumer.position(partition, deadline.remaining()) >= ends.get(partition))
                .toList();
        if (!done.isEmpty()) {
            done.forEach(unread::remove);
            consumer.pause(done);
        }
    }
}
