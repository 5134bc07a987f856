package io.mailgw.bench.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mailgw.bench.outbound.SendRequests.OutgoingRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes requests as a workflow engine would, and keeps each one's record timestamp (the
 * broker-acknowledged {@code CreateTime}, set when it was produced): the start of its latency.
 */
final class RequestProducer {

    private final KafkaProducer<String, String> producer;

    RequestProducer(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    /** Publishes all at once, as fast as the producer goes, and returns each request's produce time (epoch ms). */
    Map<String, Long> burst(String topic, List<OutgoingRequest> requests) throws InterruptedException {
        Map<String, Long> producedAt = new ConcurrentHashMap<>();
        CountDownLatch acked = new CountDownLatch(requests.size());
        for (OutgoingRequest request : requests) {
            send(topic, request, producedAt, acked);
        }
        producer.flush();
        awaitAcks(acked, requests.size());
        return producedAt;
    }

    /**
     * Publishes at a steady rate, one request per tick of a fixed-rate timer, and returns each
     * request's produce time (epoch ms) once all are acknowledged.
     */
    Map<String, Long> paced(String topic, List<OutgoingRequest> requests, int perSecond) throws InterruptedException {
        Map<String, Long> producedAt = new ConcurrentHashMap<>();
        CountDownLatch acked = new CountDownLatch(requests.size());
        CountDownLatch sent = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> ticks = timer.scheduleAtFixedRate(() -> {
                int index = next.getAndIncrement();
                if (index < requests.size()) {
                    send(topic, requests.get(index), producedAt, acked);
                }
                if (index >= requests.size() - 1) {
                    sent.countDown();
                }
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            long expectedSeconds = requests.size() / Math.max(perSecond, 1);
            if (!sent.await(expectedSeconds * 2 + 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Publishing " + requests.size() + " requests at " + perSecond
                        + "/s did not finish in twice the expected time");
            }
            ticks.cancel(false);
        }
        finally {
            timer.shutdownNow();
        }
        producer.flush();
        awaitAcks(acked, requests.size());
        return producedAt;
    }

    private void send(String topic, OutgoingRequest request, Map<String, Long> producedAt, CountDownLatch acked) {
        producer.send(new ProducerRecord<>(topic, request.key(), request.json()), (metadata, error) -> {
            if (error == null) {
                producedAt.put(request.requestId(), metadata.timestamp());
            }
            acked.countDown();
        });
    }

    private static void awaitAcks(CountDownLatch acked, int count) throws InterruptedException {
        if (!acked.await(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Kafka did not acknowledge " + acked.getCount() + " of " + count
                    + " requests within 2 min");
        }
    }
}
