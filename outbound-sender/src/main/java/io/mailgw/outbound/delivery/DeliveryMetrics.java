package io.mailgw.outbound.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The sender's outcome meters, registered once at start: {@code mailgw.outbound.deliveries} counts
 * outcomes by {@code outcome} (sent, retrying, deferred, failed, rejected) and {@code resolution}
 * (DEFAULT, CONTRACT, DEFAULT_FALLBACK, none), and {@code mailgw.outbound.send.latency} times a
 * request from its event (the record's timestamp) to the server's acceptance. No addresses.
 */
@Component
class DeliveryMetrics {

    enum Outcome {
        SENT, RETRYING, DEFERRED, FAILED, REJECTED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String NONE = "none";

    private final Map<Outcome, Map<String, Counter>> counters = new EnumMap<>(Outcome.class);
    private final Timer latency;

    DeliveryMetrics(MeterRegistry meters) {
        for (Outcome outcome : Outcome.values()) {
            Map<String, Counter> byResolution = new java.util.HashMap<>();
            for (OutboxResolution resolution : OutboxResolution.values()) {
                byResolution.put(resolution.name(), counter(meters, outcome, resolution.name()));
            }
            byResolution.put(NONE, counter(meters, outcome, NONE));
            counters.put(outcome, Map.copyOf(byResolution));
        }
        latency = Timer.builder("mailgw.outbound.send.latency")
                .description("From a request's event to the SMTP server's acceptance")
                .publishPercentileHistogram()
                .register(meters);
    }

    void count(Outcome outcome, OutboxResolution resolution) {
        counters.get(outcome).get(resolution == null ? NONE : resolution.name()).increment();
    }

    void sent(Duration sinceEvent) {
        latency.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    private static Counter counter(MeterRegistry meters, Outcome outcome, String resolution) {
        return Counter.builder("mailgw.outbound.deliveries")
                .description("Outcomes of send requests, by outcome and outbox resolution")
                .tag("outcome", outcome.tag())
                .tag("resolution", resolution)
                .register(meters);
    }
}
