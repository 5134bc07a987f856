package io.mailgw.bench.outbound;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.mailgw.bench.BenchSettings;
import io.mailgw.bench.infra.BenchStack;
import io.mailgw.bench.infra.ConfigurationSeeder;
import io.mailgw.bench.infra.ProcessSampler;
import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.infra.ServiceProcess;
import io.mailgw.bench.outbound.SendRequests.OutgoingRequest;
import io.mailgw.bench.outbound.StatusWatcher.FinalStatus;
import io.mailgw.bench.report.Latencies;
import io.mailgw.bench.report.ResultTable;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.Topics;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound benchmark, in one run on this machine: smtp-source's limit into smtp-sink; the
 * outbound-sender in its own JVM, first with every request published at once, then at a steady
 * rate; and the naive sender on the same events. Each sender gets a warm-up (its connections
 * open, its code compiled) before it is measured, and is stopped before the next one starts.
 */
public final class OutboundBench {

    /** The sender's consumer group (README: {@code mailgw.outbound.consumer-group}). */
    static final String SENDER_GROUP = "mail-outbound-sender";
    private static final Logger log = LoggerFactory.getLogger(OutboundBench.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /**
     * Warm-up requests of the naive sender: about as many seconds of its work (20 msg/s) as the
     * gateway's warm-up is of the gateway's.
     */
    private static final int NAIVE_WARMUP = 300;

    private final BenchSettings settings;
    private final BenchSettings.Outbound outbound;
    private final BenchStack stack;
    private final Path logs;
    private final SendRequests requests;

    public OutboundBench(BenchSettings settings, BenchStack stack) {
        this.settings = settings;
        this.outbound = settings.outbound();
        this.stack = stack;
        this.logs = settings.workDir().resolve("logs");
        this.requests = new SendRequests(ConfigurationSeeder.CONTRACT_ID, outbound.messageBytes());
    }

    public ResultTable run() throws Exception {
        int port = settings.ports().smtpSink();
        try (SmtpSink sink = SmtpSink.start(port);
             ConfigurationSeeder seeder = new ConfigurationSeeder(stack.mongoUri(), stack.cipher());
             StatusWatcher statuses = new StatusWatcher(stack.bootstrapServers());
             KafkaProducer<String, String> kafka = stack.producer()) {
            seeder.seedOutbox("127.0.0.1", port);
            RequestProducer producer = new RequestProducer(kafka);
            SendLimits limits = measureLimits(sink);
            log.info("Limit: {}", limits);
            SendRun bulk = gateway("bulk", producer, statuses, null);
            log.info("Gateway, all at once: {}", bulk);
            skipLeftoverRequests();
            SendRun paced = gateway("paced", producer, statuses, outbound.pacedRate());
            log.info("Gateway, paced: {}", paced);
            SendRun naive = naive(producer, sink);
            log.info("Naive sender: {}", naive);
            return new OutboundReport(outbound).table(limits, bulk, paced, naive);
        }
    }

    private SendLimits measureLimits(SmtpSink sink) throws Exception {
        SmtpSourceLimit source = new SmtpSourceLimit(settings.ports().smtpSink(), logs.resolve("smtp-source.log"));
        int messages = outbound.messages();
        int bytes = outbound.messageBytes();
        source.measure(outbound.connections(), Math.min(messages, 2_000), bytes, true, sink);
        return new SendLimits(outbound.connections(),
                source.measure(outbound.connections(), messages, bytes, true, sink),
                source.measure(1, messages, bytes, true, sink),
                source.measure(outbound.connections(), messages, bytes, false, sink));
    }

    /**
     * @param pacedRate requests per second, or null to publish them all at once
     */
    private SendRun gateway(String phase, RequestProducer producer, StatusWatcher statuses, Integer pacedRate)
            throws Exception {
        int count = pacedRate == null ? outbound.messages() : pacedRate * (int) outbound.pacedFor().toSeconds();
        List<OutgoingRequest> measured = requests.requests(phase, count);
        try (ServiceProcess sender = startSender(phase)) {
            sender.awaitReady(START_TIMEOUT);
            warmUp(phase, producer, statuses);
            ProcessSampler sampler = ProcessSampler.attach(sender.pid());
            log.info("Gateway {}: publishing {} requests{}", phase, count,
                    pacedRate == null ? " at once" : " at " + pacedRate + "/s");
            Map<String, Long> produced = pacedRate == null ? producer.burst(Topics.OUTBOUND_REQUESTS, measured)
                    : producer.paced(Topics.OUTBOUND_REQUESTS, measured, pacedRate);
            long firstAt = produced.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            Duration left = deadline(pacedRate).minusMillis(System.currentTimeMillis() - firstAt);
            boolean complete = statuses.awaitFinal(produced.keySet(), left.isNegative() ? Duration.ZERO : left);
            return summarize(produced, statuses, complete, sampler.stop());
        }
    }

    /**
     * How long after its first request a run may take: the deadline for a bulk run; for a paced run
     * its length and two minutes more, since a sender that cannot keep the pace misses the latency goal
     * whatever the wait.
     */
    private Duration deadline(Integer pacedRate) {
        if (pacedRate == null) {
            return outbound.deadline();
        }
        Duration paced = outbound.pacedFor().plusMinutes(2);
        return paced.compareTo(outbound.deadline()) < 0 ? paced : outbound.deadline();
    }

    private void warmUp(String phase, RequestProducer producer, StatusWatcher statuses) throws InterruptedException {
        if (outbound.warmup() == 0) {
            return;
        }
        Map<String, Long> produced = producer.burst(Topics.OUTBOUND_REQUESTS,
                requests.requests("warmup-" + phase, outbound.warmup()));
        if (!statuses.awaitFinal(produced.keySet(), START_TIMEOUT)) {
            log.warn("Gateway {}: not every warm-up request ended within {} s; measuring anyway", phase,
                    START_TIMEOUT.toSeconds());
        }
    }

    private ServiceProcess startSender(String phase) throws Exception {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "MONGODB_URI", stack.mongoUri(),
                "MAILGW_SECRET_KEY", stack.secretKey(),
                "MAILGW_CONNECT_ALLOW", "127.0.0.0/8",
                "MAILGW_CONNECT_PORTS", settings.ports().mailPorts());
        return ServiceProcess.start(settings.repository(), "outbound-sender", outbound.senderHeap(),
                settings.ports().sender(), env, outbound.senderArguments(),
                logs.resolve("outbound-sender-" + phase + ".log"));
    }

    private static SendRun summarize(Map<String, Long> produced, StatusWatcher statuses, boolean complete,
                                     ResourceUsage usage) {
        List<Long> latencies = new ArrayList<>();
        long firstAt = Long.MAX_VALUE;
        long lastAt = 0;
        int notSent = 0;
        for (Map.Entry<String, Long> request : produced.entrySet()) {
            firstAt = Math.min(firstAt, request.getValue());
            FinalStatus end = statuses.finalOf(request.getKey());
            if (end != null) {
                latencies.add(end.at() - request.getValue());
                lastAt = Math.max(lastAt, end.at());
                notSent += end.status() == DeliveryStatus.Status.SENT ? 0 : 1;
            }
        }
        long endAt = complete ? lastAt : System.currentTimeMillis();
        return new SendRun(produced.size(), latencies.size(), notSent, Duration.ofMillis(endAt - firstAt),
                Latencies.of(latencies, produced.size()), usage);
    }

    /** Moves the sender's group past requests an unfinished run left, so that the next run measures only its own. */
    private void skipLeftoverRequests() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = stack.admin().listConsumerGroupOffsets(SENDER_GROUP)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = stack.admin().listOffsets(latest).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> skipped = ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue().offset())));
        stack.admin().alterConsumerGroupOffsets(SENDER_GROUP, skipped).all().get(30, TimeUnit.SECONDS);
    }

    private SendRun naive(RequestProducer producer, SmtpSink sink) throws Exception {
        List<String> arguments = List.of("naive-sender", "--spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + settings.ports().smtpSink());
        try (ServiceProcess naive = ServiceProcess.start(settings.repository(), "bench", outbound.senderHeap(), 0,
                Map.of(), arguments, logs.resolve("naive-sender.log"))) {
            long before = sink.messages();
            int warmup = Math.max(Math.min(outbound.warmup(), NAIVE_WARMUP), 1);
            producer.burst(BenchStack.NAIVE_REQUESTS, requests.requests("warmup-naive", warmup));
            if (!sink.awaitMessages(before + warmup, START_TIMEOUT)) {
                throw new IllegalStateException("The naive sender sent no warm-up mail within "
                        + START_TIMEOUT.toSeconds() + " s; see " + logs.resolve("naive-sender.log"));
            }
            ProcessSampler sampler = ProcessSampler.attach(naive.pid());
            long start = sink.messages();
            Map<String, Long> produced = producer.burst(BenchStack.NAIVE_REQUESTS,
                    requests.requests("naive", outbound.messages()));
            long firstAt = produced.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            Duration left = outbound.deadline().minusMillis(System.currentTimeMillis() - firstAt);
            boolean complete = sink.awaitMessages(start + produced.size(), left.isNegative() ? Duration.ZERO : left);
            ResourceUsage usage = sampler.stop();
            int finished = (int) Math.min(sink.messages() - start, produced.size());
            long endAt = complete ? sink.lastMessageAtMillis() : System.currentTimeMillis();
            return new SendRun(produced.size(), finished, 0, Duration.ofMillis(endAt - firstAt), null, usage);
        }
    }
}
