package io.mailgw.inbound.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.mailgw.inbound.InboundPollerProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code inbound} part: down when the scheduler stopped looking for due
 * reads (no tick for three ticks and more), so that a silent stop shows; the mailboxes held as detail.
 * Each mailbox's own health is its status ({@code /api/v1/mailboxes/{id}/status}).
 */
@Component("inbound")
class InboundHealthIndicator implements HealthIndicator {

    private final PollScheduler scheduler;
    private final Duration stale;
    private final Clock clock;

    InboundHealthIndicator(PollScheduler scheduler, InboundPollerProperties properties, Clock clock) {
        this.scheduler = scheduler;
        this.stale = properties.tick().multipliedBy(3).plusSeconds(5);
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant last = scheduler.lastTick();
        boolean ticking = scheduler.isRunning() && Duration.between(last, clock.instant()).compareTo(stale) < 0;
        return (ticking ? Health.up() : Health.down()).withDetail("mailboxesHeld", scheduler.held())
                .withDetail("lastTick", last.toString()).build();
    }
}
