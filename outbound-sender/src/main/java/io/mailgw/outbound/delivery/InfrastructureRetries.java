package io.mailgw.outbound.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.mailgw.outbound.OutboundProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * How an outcome outlasts MongoDB or Kafka being away: a delivery-log write is retried in place
 * with exponential backoff (1 s, doubling, at most {@code mailgw.outbound.retry.infrastructure-max-backoff})
 * for as long as it takes, and a Kafka send that the producer gave up on is sent again after the
 * same pauses. The request's offset does not move meanwhile, so a crash loses nothing.
 */
@Component
public class InfrastructureRetries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureRetries.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private final Retry ledgerWrites;
    private final Duration maxPause;
    private final ScheduledExecutorService resends = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbound-kafka-resend");
        thread.setDaemon(true);
        return thread;
    });

    InfrastructureRetries(OutboundProperties properties) {
        this.maxPause = properties.retry().infrastructureMaxBackoff();
        this.ledgerWrites = Retry.of("delivery-log", RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(FIRST_PAUSE, 2.0, maxPause))
                .retryExceptions(DataAccessException.class)
                .build());
        ledgerWrites.getEventPublisher().onRetry(event -> log.warn("Writing the delivery log failed ({}); "
                + "trying again in {} ms", event.getLastThrowable().getMessage(), event.getWaitInterval().toMillis()));
    }

    public Retry ledgerWrites() {
        return ledgerWrites;
    }

    /** Completes when one send of {@code action} was acknowledged; never completes exceptionally. */
    CompletableFuture<Void> untilAcked(Supplier<CompletableFuture<?>> action) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        attempt(action, acked, FIRST_PAUSE);
        return acked;
    }

    private void attempt(Supplier<CompletableFuture<?>> action, CompletableFuture<Void> acked, Duration pause) {
        CompletableFuture<?> sent;
        try {
            sent = action.get();
        }
        catch (RuntimeException ex) {
            sent = CompletableFuture.failedFuture(ex);
        }
        sent.whenComplete((result, failure) -> {
            if (failure == null) {
                acked.complete(null);
                return;
            }
            log.warn("Kafka did not acknowledge a record ({}); sending it again in {} s", failure.getMessage(),
                    pause.toSeconds());
            Duration next = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
            resends.schedule(() -> attempt(action, acked, next), pause.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void destroy() {
        resends.shutdownNow();
    }
}
