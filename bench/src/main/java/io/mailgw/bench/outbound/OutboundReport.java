package io.mailgw.bench.outbound;

import java.util.OptionalLong;

import io.mailgw.bench.BenchSettings;
import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.report.Figures;
import io.mailgw.bench.report.ResultTable;

/** The outbound table: the gateway's figures beside smtp-source's limit, the naive sender and the goals. */
final class OutboundReport {

    private static final long HEAP_GOAL_BYTES = 256L * 1024 * 1024;
    private static final long PACED_P99_GOAL_MILLIS = 100;

    private final BenchSettings.Outbound outbound;

    OutboundReport(BenchSettings.Outbound outbound) {
        this.outbound = outbound;
    }

    ResultTable table(SendLimits limits, SendRun bulk, SendRun paced, SendRun naive) {
        String size = outbound.messageBytes() / 1024 + " KB";
        ResultTable table = new ResultTable("Outbound: " + String.format("%,d", outbound.messages()) + " requests of "
                + size + ", one contract, its outbox on smtp-sink");
        double limit = limits.reused();
        table.row("gateway throughput" + unfinished(bulk), Figures.rate(bulk.rate()),
                ">= 50 % of the limit (" + Figures.rate(limit / 2) + ")", bulk.rate() >= limit / 2)
                .row("gateway as share of the limit", Figures.percent(bulk.rate(), limit), ">= 50 %",
                        bulk.rate() >= limit / 2)
                .row("gateway as multiple of the naive sender", Figures.times(bulk.rate(), naive.rate()), ">= 5x",
                        bulk.rate() >= 5 * naive.rate())
                .row("gateway latency p50, all published at once", bulk.latencies().describe(50, bulk.elapsed()))
                .row("gateway latency p99, all published at once", bulk.latencies().describe(99, bulk.elapsed()));
        pacedRows(table, paced);
        table.row("gateway heap, most used (-Xmx" + outbound.senderHeap() + ")",
                Figures.mebibytes(bulk.usage().peakHeapUsedBytes()), "< 256 MB",
                bulk.usage().peakHeapUsedBytes() < HEAP_GOAL_BYTES)
                .row("gateway heap, live after GC", live(bulk.usage()))
                .row("gateway CPU during the run", Figures.cores(bulk.usage().cpuCores()))
                .row("limit: smtp-source, " + limits.sessions() + " sessions, connections kept", Figures.rate(limit))
                .row("limit: smtp-source, 1 session, connection kept", Figures.rate(limits.oneSession()))
                .row("smtp-source, " + limits.sessions() + " sessions, a connection per mail",
                        Figures.rate(limits.connectionPerMail()))
                .row("naive sender (@KafkaListener + JavaMailSender)" + unfinished(naive), Figures.rate(naive.rate()))
                .row("naive sender heap, most used / CPU", Figures.mebibytes(naive.usage().peakHeapUsedBytes()) + " / "
                        + Figures.cores(naive.usage().cpuCores()));
        notes(table, bulk, paced);
        if (!outbound.senderArguments().isEmpty()) {
            table.note("The sender ran with " + String.join(" ", outbound.senderArguments())
                    + " (BENCH_SENDER_ARGS), not with its defaults alone.");
        }
        return table;
    }

    private void pacedRows(ResultTable table, SendRun paced) {
        OptionalLong p99 = paced.latencies().percentile(99);
        String label = "gateway latency %s at " + outbound.pacedRate() + " msg/s for " + outbound.pacedFor().toSeconds()
                + " s" + unfinished(paced);
        table.row(String.format(label, "p50"), paced.latencies().describe(50, paced.elapsed()))
                .row(String.format(label, "p99"), paced.latencies().describe(99, paced.elapsed()), "< 100 ms",
                        p99.isPresent() ? p99.getAsLong() < PACED_P99_GOAL_MILLIS : Boolean.FALSE);
    }

    private static void notes(ResultTable table, SendRun bulk, SendRun paced) {
        table.note("Throughput: requests SENT over the time from the first request's produce time to the last SENT "
                + "status record; latency: a request's record timestamp to its status record's timestamp (the sender "
                + "publishes the status right after the SMTP 250).");
        table.note("An UNFINISHED run's rate is what it sent by its deadline over the time to the deadline; its "
                + "unfinished requests count as slower than every finished one in the percentiles.");
        table.note("Limit: Postfix's smtp-source into the same smtp-sink, timed from start to exit (-d keeps each "
                + "session's connection). Naive sender: timed by smtp-sink's own message counter.");
        if (bulk.notSent() + paced.notSent() > 0) {
            table.note((bulk.notSent() + paced.notSent()) + " requests ended FAILED or REJECTED; see the sender logs.");
        }
    }

    private static String live(ResourceUsage usage) {
        return usage.peakLiveBytes() == 0 ? "n/a (no old-generation collection in the run)"
                : Figures.mebibytes(usage.peakLiveBytes());
    }

    private static String unfinished(SendRun run) {
        return run.complete() ? "" : String.format(" (UNFINISHED: %,d of %,d by the deadline)", run.finished(),
                run.expected());
    }
}
