package io.mailgw.outbound.outbox;

import java.util.Collection;
import java.util.Map;

import io.mailgw.events.ConfigChanged;
import io.mailgw.events.EventJson;
import io.mailgw.events.EventJsonException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Follows {@code mail.config.changes} so that cached outboxes, contracts and settings change
 * without a restart. Every sender instance reads every change (a consumer group of its own, from
 * the latest change on), and reads everything again from MongoDB whenever its partitions are
 * assigned, since changes made while it was not listening are not replayed.
 */
@Component
class ConfigChangeListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ConfigChangeListener.class);

    private final OutboxDirectory directory;

    ConfigChangeListener(OutboxDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(id = "outbound-config-changes", topics = "${mailgw.topics.config-changes:mail.config.changes}",
            groupId = "mail-outbound-sender-config-${random.uuid}",
            properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
    void onChange(String value) {
        try {
            directory.changed(EventJson.read(value, ConfigChanged.class));
        }
        catch (EventJsonException ex) {
            log.warn("Ignored a record of the config changes topic that is not a ConfigChanged event ({}); "
                    + "everything is read again within {} s anyway", ex.getMessage(), directory.refresh().toSeconds());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekAware.ConsumerSeekCallback callback) {
        directory.reloadAll();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // nothing is held per partition; the next assignment reads everything again
    }
}
