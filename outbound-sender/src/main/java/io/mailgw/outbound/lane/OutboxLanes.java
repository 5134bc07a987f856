package io.mailgw.outbound.lane;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.delivery.AttemptDetails;
import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.delivery.OutcomeRecorder;
import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.outbound.smtp.SmtpOutboxes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every outbox's lane, made on first use and rebuilt when the outbox changes in any way (new
 * connections, settings, rate limit, and a fresh login state), also when it was deleted and made
 * again under the same id. The lanes share one pool of at most
 * {@code max-concurrent-sends} threads; each lane uses at most its outbox's {@code maxConnections}.
 * Meters per outbox: {@code mailgw.outbound.lane.queued} and {@code .active}, and resilience4j's
 * circuit-breaker state.
 */
@Component
public class OutboxLanes implements DisposableBean {

    static final String BREAKER_CONFIG = "outbox";
    private static final Duration IDLE_LANE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(OutboxLanes.class);

    private final Map<String, OutboxLane> lanes = new ConcurrentHashMap<>();
    private final SmtpOutboxes smtp;
    private final OutboxDelivery delivery;
    private final OutcomeRecorder outcomes;
    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters;
    private final MeterRegistry meters;
    private final OutboundProperties.Lane settings;
    private final ThreadPoolExecutor workers;

    OutboxLanes(SmtpOutboxes smtp, OutboxDelivery delivery, OutcomeRecorder outcomes, CircuitBreakerRegistry breakers,
                RateLimiterRegistry limiters, MeterRegistry meters, OutboundProperties properties) {
        this.smtp = smtp;
        this.delivery = delivery;
        this.outcomes = outcomes;
        this.breakers = breakers;
        this.limiters = limiters;
        this.meters = meters;
        this.settings = properties.lane();
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.maxConcurrentSends(), settings.maxConcurrentSends(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "outbound-send-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Offers a request to its outbox's lane. Called from the intake's thread only. A lane found
     * stalled hands its whole queue back for deferral first.
     *
     * @param othersWaiting whether another contract's mail waits behind this request in its partition
     */
    public Admission offer(Mailbox outbox, InFlightRequest request, AttemptDetails details, boolean othersWaiting) {
        OutboxLane lane = laneFor(outbox);
        if (lane.stalled() && lane.queued() > 0) {
            deferQueue(lane);
        }
        return lane.offer(new LaneJob(request, details), othersWaiting);
    }

    /** Closes lanes nobody offered mail to for an hour, so deleted and quiet outboxes hold nothing. */
    @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
    void closeIdle() {
        long idleSince = System.nanoTime() - IDLE_LANE.toNanos();
        lanes.forEach((id, lane) -> {
            if (lane.queued() == 0 && lane.active() == 0 && lane.lastOfferNanos() < idleSince && lanes.remove(id, lane)) {
                lane.close();
                meters.find("mailgw.outbound.lane.queued").tag("outbox", id).meters().forEach(meters::remove);
                meters.find("mailgw.outbound.lane.active").tag("outbox", id).meters().forEach(meters::remove);
                log.debug("Closed the lane of outbox {}, unused for {} min", id, IDLE_LANE.toMinutes());
            }
        });
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
        lanes.values().forEach(OutboxLane::close);
    }

    private OutboxLane laneFor(Mailbox outbox) {
        OutboxLane lane = lanes.computeIfAbsent(outbox.id(), id -> create(outbox));
        if (!lane.outbox().equals(outbox)) {
            log.info("Outbox {} changed; its lane takes the new settings", outbox.id());
            lane.reconfigure(smtp.open(outbox), limiterFor(outbox));
        }
        return lane;
    }

    private OutboxLane create(Mailbox outbox) {
        CircuitBreaker breaker = breakers.circuitBreaker("outbox-" + outbox.id(), BREAKER_CONFIG);
        OutboxLane lane = new OutboxLane(smtp.open(outbox), breaker, limiterFor(outbox), settings, workers, delivery);
        Gauge.builder("mailgw.outbound.lane.queued", lane, OutboxLane::queued).tag("outbox", outbox.id())
                .description("Requests waiting in an outbox's lane").register(meters);
        Gauge.builder("mailgw.outbound.lane.active", lane, OutboxLane::active).tag("outbox", outbox.id())
                .description("Sends in progress through an outbox").register(meters);
        return lane;
    }

    private RateLimiter limiterFor(Mailbox outbox) {
        String name = "outbox-" + outbox.id();
        limiters.remove(name);
        Integer perMinute = outbox.outbound().maxPerMinute();
        if (perMinute == null) {
            return null;
        }
        return limiters.rateLimiter(name, RateLimiterConfig.custom().limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build());
    }

    private void deferQueue(OutboxLane lane) {
        for (LaneJob job : lane.takeQueued()) {
            outcomes.recordDecision(job.request(), job.details(), new DeliveryOutcome.Defer(
                    ErrorCode.OUTBOX_NOT_ANSWERING, "outbox " + lane.outbox().id() + " is not answering", false));
        }
    }
}
