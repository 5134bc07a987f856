package io.mailgw.config.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.mailgw.config.ConfigServiceProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

    private final MovingClock clock = new MovingClock();
    private final LoginThrottle throttle = new LoginThrottle(new ConfigServiceProperties(Duration.ofSeconds(5),
            new ConfigServiceProperties.LoginThrottle(3, Duration.ofSeconds(1), 10, Duration.ofMinutes(15), 1000)),
            clock);

    @Test
    void answersTheFirstFailuresAtOnceThenMakesEachNextAttemptWaitLonger() {
        assertThat(failures(3)).containsOnly(false);
        assertThat(throttle.waitFor("10.0.0.7", "admin")).isEmpty();

        assertThat(throttle.failed("10.0.0.7", "admin")).isTrue();
        assertThat(throttle.waitFor("10.0.0.7", "ADMIN")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("10.0.0.7", "admin")).isEmpty();
        throttle.failed("10.0.0.7", "admin");
        assertThat(throttle.waitFor("10.0.0.7", "admin")).contains(Duration.ofSeconds(2));
        assertThat(throttle.waitFor("10.0.0.8", "admin")).as("another address").isEmpty();
        assertThat(throttle.waitFor("10.0.0.7", "ana")).as("another user").isEmpty();
    }

    @Test
    void refusesEveryAttemptForTheLockoutAfterTheMostFailures() {
        failures(10);

        assertThat(throttle.waitFor("10.0.0.7", "admin")).contains(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitFor("10.0.0.7", "admin")).isEmpty();
    }

    @Test
    void aSuccessForgetsTheFailuresOfItsAddressAndUser() {
        failures(3);
        throttle.succeeded("10.0.0.7", "admin");

        assertThat(throttle.failed("10.0.0.7", "admin")).isFalse();
    }

    @Test
    void sprayingOneAddressOverManyUserNamesIsSlowedDownToo() {
        for (int user = 0; user < 30; user++) {
            assertThat(throttle.failed("10.0.0.9", "user" + user)).isFalse();
        }

        assertThat(throttle.failed("10.0.0.9", "user30")).isTrue();
        assertThat(throttle.waitFor("10.0.0.9", "someone-else")).isPresent();
    }

    private java.util.List<Boolean> failures(int count) {
        java.util.List<Boolean> slowed = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            slowed.add(throttle.failed("10.0.0.7", "admin"));
        }
        return slowed;
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
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
