package io.mailgw.inbound.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Two pollers' registries on one real MongoDB wire server, with clocks the test moves. */
class MailboxLeaseRegistryIntegrationTests {

    private static final Duration PERIOD = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private static MongoClient client;
    private static MongoTemplate mongo;

    private final MovableClock clock = new MovableClock(T0);
    private MailboxLeaseRegistry pollerA;
    private MailboxLeaseRegistry pollerB;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("inbound-lease-tests"));
        mongo = new MongoTemplate(client, "inbound-lease-tests");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshLeases() {
        mongo.dropCollection(MailboxLeaseRegistry.COLLECTION);
        pollerA = new MailboxLeaseRegistry(mongo, clock, PERIOD, "poller-a");
        pollerB = new MailboxLeaseRegistry(mongo, clock, PERIOD, "poller-b");
    }

    @Test
    void onlyOnePollerHoldsAMailboxAtATime() {
        assertThat(pollerA.claim("mbx-1")).isTrue();
        assertThat(pollerB.claim("mbx-1")).isFalse();

        assertThat(pollerA.holds("mbx-1")).isTrue();
        assertThat(pollerB.holds("mbx-1")).isFalse();
        assertThat(pollerA.claim("mbx-1")).as("the holder renews").isTrue();
    }

    @Test
    void deadPollersMailboxIsTakenOverOneLeasePeriodAfterItsLastRenewal() {
        pollerA.claim("mbx-1");

        clock.set(T0.plus(PERIOD).minusSeconds(1));
        assertThat(pollerB.claim("mbx-1")).isFalse();

        clock.set(T0.plus(PERIOD).plusSeconds(1));
        assertThat(pollerA.holds("mbx-1")).as("the old holder knows its lease ran out").isFalse();
        assertThat(pollerB.claim("mbx-1")).isTrue();
        assertThat(pollerA.claim("mbx-1")).isFalse();
    }

    @Test
    void renewalKeepsAQuietMailboxWithItsPoller() {
        pollerA.claim("mbx-1");

        clock.set(T0.plusSeconds(40));
        pollerA.renewDue();
        clock.set(T0.plusSeconds(90));

        assertThat(pollerA.holds("mbx-1")).isTrue();
        assertThat(pollerB.claim("mbx-1")).isFalse();
    }

    @Test
    void releasedMailboxIsFreeAtOnce() {
        pollerA.claim("mbx-1");
        pollerA.claim("mbx-2");

        pollerA.releaseAll();

        assertThat(pollerA.held()).isEmpty();
        assertThat(pollerB.claim("mbx-1")).isTrue();
        assertThat(pollerB.claim("mbx-2")).isTrue();
    }

    /** A clock the test sets. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
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
