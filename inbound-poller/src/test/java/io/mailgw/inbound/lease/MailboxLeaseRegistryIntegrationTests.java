package io.mailgw.inbound.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.mailgw.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Pollers' registries on one real MongoDB wire server, with a clock the test moves round by round. */
class MailboxLeaseRegistryIntegrationTests {

    private static final Duration PERIOD = Duration.ofSeconds(30);
    private static final Duration ROUND = PERIOD.dividedBy(6);
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Set<String> THIRTY = IntStream.rangeClosed(1, 30).mapToObj(i -> "mbx-" + i)
            .collect(Collectors.toSet());

    private static final AtomicInteger writes = new AtomicInteger();
    private static MongoClient client;
    private static MongoTemplate mongo;

    private final MovableClock clock = new MovableClock(T0);

    @BeforeAll
    static void connect() {
        CommandListener countWrites = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (Set.of("insert", "update", "findAndModify", "delete").contains(event.getCommandName())) {
                    writes.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestInfrastructure.mongoUri("inbound-lease-tests")))
                .addCommandListener(countWrites).build());
        mongo = new MongoTemplate(client, "inbound-lease-tests");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshLeases() {
        mongo.dropCollection(MailboxLeaseRegistry.LEASES);
        mongo.dropCollection(MailboxLeaseRegistry.POLLERS);
    }

    @Test
    void aLonePollerTakesEveryMailboxInOneRound() {
        MailboxLeaseRegistry a = poller("a");

        LeaseChanges changes = a.rebalance(THIRTY, id -> false);

        assertThat(changes.claimed()).hasSize(30);
        assertThat(a.held()).isEqualTo(THIRTY);
        assertThat(THIRTY).allMatch(a::holds);
    }

    @Test
    void aNewPollerGetsItsFairShareWithinOneLeasePeriod() {
        MailboxLeaseRegistry a = poller("a");
        MailboxLeaseRegistry b = poller("b");
        MailboxLeaseRegistry c = poller("c");
        a.rebalance(THIRTY, id -> false);

        Instant joined = clock.instant();
        roundsUntil(joined.plus(PERIOD), List.of(a, b, c));

        System.out.printf("Spread after a new poller joined: a=%d b=%d c=%d%n", a.held().size(), b.held().size(),
                c.held().size());
        assertThat(List.of(a, b, c)).allSatisfy(poller -> assertThat(poller.held()).hasSize(10));
        assertThat(union(a, b, c)).isEqualTo(THIRTY);
    }

    @Test
    void aDeadPollersMailboxesAreTakenOverWithinOneLeasePeriod() {
        MailboxLeaseRegistry a = poller("a");
        MailboxLeaseRegistry b = poller("b");
        roundsUntil(clock.instant().plus(PERIOD), List.of(a, b));
        assertThat(b.held()).hasSize(15);

        Instant died = clock.instant();
        roundsUntil(died.plus(PERIOD), List.of(a));

        assertThat(a.held()).isEqualTo(THIRTY);
    }

    @Test
    void whileItsLeaseRunsNoOtherPollerTakesAMailbox() {
        MailboxLeaseRegistry a = poller("a");
        MailboxLeaseRegistry b = poller("b");
        a.rebalance(Set.of("mbx-1"), id -> false);

        LeaseChanges taken = b.rebalance(Set.of("mbx-1"), id -> false);

        assertThat(taken.claimed()).isEmpty();
        assertThat(a.holds("mbx-1")).isTrue();
        assertThat(b.holds("mbx-1")).isFalse();
    }

    @Test
    void everyNewHolderGetsAHigherFencingTokenAndTheOldOneLearnsItLostTheLease() {
        MailboxLeaseRegistry a = poller("a");
        MailboxLeaseRegistry b = poller("b");
        long first = a.rebalance(Set.of("mbx-1"), id -> false).claimed().get(0).token();

        // a is paused past its lease; b takes over
        clock.advance(PERIOD);
        long second = b.rebalance(Set.of("mbx-1"), id -> false).claimed().get(0).token();
        assertThat(a.holds("mbx-1")).as("a knows by its own clock").isFalse();

        clock.advance(ROUND);
        LeaseChanges resumed = a.rebalance(Set.of("mbx-1"), id -> false);

        assertThat(second).isGreaterThan(first);
        assertThat(resumed.lost()).containsExactly("mbx-1");
        assertThat(a.lease("mbx-1")).isEmpty();
        assertThat(b.lease("mbx-1")).contains(new Lease("mbx-1", second));
    }

    @Test
    void aReleasedMailboxIsFreeAtOnceAndKeepsItsToken() {
        MailboxLeaseRegistry a = poller("a");
        MailboxLeaseRegistry b = poller("b");
        long first = a.rebalance(Set.of("mbx-1", "mbx-2"), id -> false).claimed().get(0).token();

        a.releaseAll();
        LeaseChanges taken = b.rebalance(Set.of("mbx-1", "mbx-2"), id -> false);

        assertThat(taken.claimed()).hasSize(2).allMatch(lease -> lease.token() > first);
    }

    @Test
    void aMailboxBeingReadIsNotGivenBackToAnotherPoller() {
        MailboxLeaseRegistry a = poller("a");
        MailboxLeaseRegistry b = poller("b");
        a.rebalance(THIRTY, id -> false);
        b.rebalance(THIRTY, id -> false);

        LeaseChanges changes = a.rebalance(THIRTY, id -> true);

        assertThat(changes.released()).isEmpty();
        assertThat(a.held()).hasSize(30);
    }

    @Test
    void anIdlePollerWritesItsHeartbeatAndOneRenewalPerRoundWhateverItHolds() {
        MailboxLeaseRegistry a = poller("a");
        Set<String> many = IntStream.rangeClosed(1, 200).mapToObj(i -> "many-" + i).collect(Collectors.toSet());
        a.rebalance(many, id -> false);

        writes.set(0);
        for (int round = 0; round < 10; round++) {
            clock.advance(ROUND);
            a.rebalance(many, id -> false);
        }

        System.out.printf("Writes of a poller holding 200 mailboxes over 10 rounds: %d%n", writes.get());
        assertThat(writes.get()).isEqualTo(20);
        assertThat(a.held()).hasSize(200);
    }

    private MailboxLeaseRegistry poller(String name) {
        return new MailboxLeaseRegistry(mongo, clock, PERIOD, "poller-" + name, new SimpleMeterRegistry());
    }

    /** Every poller takes its round, then time moves one round on, until {@code until}. */
    private void roundsUntil(Instant until, List<MailboxLeaseRegistry> pollers) {
        while (clock.instant().isBefore(until)) {
            pollers.forEach(poller -> poller.rebalance(THIRTY, id -> false));
            clock.advance(ROUND);
        }
    }

    private static Set<String> union(MailboxLeaseRegistry... pollers) {
        return java.util.Arrays.stream(pollers).flatMap(poller -> poller.held().stream()).collect(Collectors.toSet());
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
