package io.mailgw.inbound.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DueTimesTests {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private final DueTimes dueTimes = new DueTimes(Duration.ofSeconds(10));

    @Test
    void mailboxNeverPolledIsDueAtOnce() {
        assertThat(dueTimes.due(List.of(inbox("a", 60)), T0)).extracting(Mailbox::id).containsExactly("a");
    }

    @Test
    void mailboxIsDueOneIntervalAfterItsLastPoll() {
        dueTimes.polled("a", T0);

        assertThat(dueTimes.due(List.of(inbox("a", 60)), T0.plusSeconds(59))).isEmpty();
        assertThat(dueTimes.due(List.of(inbox("a", 60)), T0.plusSeconds(60))).extracting(Mailbox::id)
                .containsExactly("a");
    }

    @Test
    void intervalBelowTheFloorIsRaisedToIt() {
        dueTimes.polled("a", T0);

        assertThat(dueTimes.interval(inbox("a", 1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(dueTimes.due(List.of(inbox("a", 1)), T0.plusSeconds(9))).isEmpty();
        assertThat(dueTimes.due(List.of(inbox("a", 1)), T0.plusSeconds(10))).hasSize(1);
    }

    @Test
    void shortenedIntervalCountsFromTheLastPoll() {
        dueTimes.polled("a", T0);

        assertThat(dueTimes.due(List.of(inbox("a", 3600)), T0.plusSeconds(30))).isEmpty();
        assertThat(dueTimes.due(List.of(inbox("a", 20)), T0.plusSeconds(30))).hasSize(1);
    }

    @Test
    void longestOverdueComesFirstAndNeverPolledBeforeAll() {
        dueTimes.polled("late", T0);
        dueTimes.polled("later", T0.plusSeconds(30));

        List<Mailbox> due = dueTimes.due(List.of(inbox("later", 10), inbox("late", 10), inbox("new", 10)),
                T0.plusSeconds(60));

        assertThat(due).extracting(Mailbox::id).containsExactly("new", "late", "later");
    }

    @Test
    void forgottenMailboxIsDueAtOnceWhenItComesBack() {
        dueTimes.polled("a", T0);
        dueTimes.retain(Set.of());

        assertThat(dueTimes.due(List.of(inbox("a", 60)), T0.plusSeconds(1))).hasSize(1);
    }

    private static Mailbox inbox(String id, int pollIntervalSeconds) {
        return Mailbox.builder().id(id).name(id).type(MailboxType.INBOUND).contractId("xpto").host("imap.xpto.example")
                .port(993).username("soporte").protocol(InboundProtocol.IMAPS).folder("INBOX")
                .pollIntervalSeconds(pollIntervalSeconds).build().withDefaults();
    }
}
