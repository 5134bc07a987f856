package io.mailgw.config.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mailgw.config.ConfigServiceProperties;

import org.springframework.stereotype.Component;

/**
 * Slows down, then refuses, repeated failed sign-ins: per address and user name, the first
 * {@code free-failures} are answered at once; each further one makes the next attempt wait
 * {@code base-delay}, doubling; after {@code max-failures} every attempt is refused for
 * {@code lockout}. Per address alone (a spray over many user names) ten times as many are
 * allowed. A success forgets the failures of its address and user name. Counts live in memory,
 * bounded and forgotten after {@code lockout} without failures; each config-service instance
 * keeps its own.
 */
@Component
public class LoginThrottle {

    /** How many more failures one address may have over all user names than over one. */
    static final int ADDRESS_FACTOR = 10;

    private final ConfigServiceProperties.LoginThrottle settings;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    LoginThrottle(ConfigServiceProperties properties, Clock clock) {
        this.settings = properties.loginThrottle();
        this.clock = clock;
        this.failures = Caffeine.newBuilder().maximumSize(settings.maxTracked())
                .expireAfterWrite(settings.lockout()).ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** How long an attempt from {@code address} for {@code user} must still wait; empty when it may go ahead. */
    Optional<Duration> waitFor(String address, String user) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(pairKey(address, user)), blockedUntil(addressKey(address)));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /**
     * Counts a failure.
     *
     * @return whether it made the next attempt wait (the audit records the start of a slow-down)
     */
    boolean failed(String address, String user) {
        Instant now = clock.instant();
        boolean pair = count(pairKey(address, user), now, 1);
        boolean any = count(addressKey(address), now, ADDRESS_FACTOR);
        return pair || any;
    }

    void succeeded(String address, String user) {
        failures.invalidate(pairKey(address, user));
    }

    private boolean count(String key, Instant now, int factor) {
        Failures counted = failures.asMap().merge(key, new Failures(1, Instant.MIN),
                (old, one) -> new Failures(old.count() + 1, old.blockedUntil()));
        int over = counted.count() - settings.freeFailures() * factor;
        if (over <= 0) {
            return false;
        }
        Instant until = counted.count() >= settings.maxFailures() * factor ? now.plus(settings.lockout())
                : now.plus(delay(over));
        failures.put(key, new Failures(counted.count(), until));
        return true;
    }

    private Duration delay(int over) {
        Duration delay = settings.baseDelay().multipliedBy(1L << Math.min(over - 1, 20));
        return delay.compareTo(settings.lockout()) > 0 ? settings.lockout() : delay;
    }

    private Instant blockedUntil(String key) {
        Failures counted = failures.getIfPresent(key);
        return counted == null ? Instant.MIN : counted.blockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String pairKey(String address, String user) {
        return address + " " + (user == null ? "" : user.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return address;
    }

    /** Failures so far, and until when the next attempt must wait. */
    private record Failures(int count, Instant blockedUntil) {
    }
}
