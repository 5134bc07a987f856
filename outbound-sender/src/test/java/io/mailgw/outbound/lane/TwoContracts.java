package io.mailgw.outbound.lane;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.outbound.PublishedStatuses;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.outbound.outbox.OutboxDirectory;
import io.mailgw.testing.KafkaTopicTail;

/**
 * The two customers of the lane tests: contract {@code a} sends through outbox {@code mbx-a},
 * contract {@code b} through {@code mbx-b}, which is also the default; and how long B's mail took.
 */
final class TwoContracts {

    private TwoContracts() {
    }

    static void seed(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings,
                     OutboxDirectory directory, int portA, int portB) {
        mailboxes.deleteAll();
        contracts.deleteAll();
        settings.deleteAll();
        mailboxes.saveAll(List.of(TestOutboxes.plainSmtp("mbx-a", portA, "a@contract-a.example"),
                TestOutboxes.plainSmtp("mbx-b", portB, "b@contract-b.example")));
        Instant now = Instant.now();
        contracts.saveAll(List.of(new Contract("a", "Contract A", "mbx-a", now, now, null),
                new Contract("b", "Contract B", "mbx-b", now, now, null)));
        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-b", now, null));
        directory.reloadAll();
    }

    /** Each request's time from its publication to its final status, shortest first. */
    static List<Duration> delays(KafkaTopicTail statusTopic, Map<String, Instant> published) {
        return published.entrySet().stream()
                .map(entry -> Duration.between(entry.getValue(),
                        PublishedStatuses.finalOf(statusTopic, entry.getKey()).at()))
                .sorted().toList();
    }

    /** @param delays shortest first */
    static Duration p99(List<Duration> delays) {
        return delays.get((int) Math.ceil(delays.size() * 0.99) - 1);
    }
}
