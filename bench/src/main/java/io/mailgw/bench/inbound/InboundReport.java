package io.mailgw.bench.inbound;

import java.time.Duration;
import java.util.OptionalLong;

import io.mailgw.bench.BenchSettings;
import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.report.Figures;
import io.mailgw.bench.report.ResultTable;

/** The inbound table: the poller's figures beside the raw fetch, with the goals. */
final class InboundReport {

    private static final long HEAP_GOAL_BYTES = 512L * 1024 * 1024;
    private static final long IDLE_P50_GOAL_MILLIS = 1_000;

    private final BenchSettings.Inbound inbound;

    InboundReport(BenchSettings.Inbound inbound) {
        this.inbound = inbound;
    }

    ResultTable table(RawImapFetch.FetchResult limit, DrainRun drain, IdleRun idle, ManyRun many) {
        ResultTable table = new ResultTable("Inbound: Dovecot " + "on loopback, messages of "
                + inbound.messageBytes() / 1024 + " KB");
        double rawRate = limit.rate();
        table.row(String.format("gateway drain of %,d messages%s", drain.expected(), unfinished(drain)),
                        Figures.rate(drain.rate()), ">= 50 % of the raw fetch (" + Figures.rate(rawRate / 2) + ")",
                        drain.rate() >= rawRate / 2)
                .row("gateway drain as share of the raw fetch", Figures.percent(drain.rate(), rawRate))
                .row("limit: raw UID FETCH 1:* BODY.PEEK[] (best of 3)", Figures.rate(rawRate))
                .row("poller heap during the drain, most used / live / CPU", usage(drain.usage()))
                .row("new mailbox: from its creation to the poller's login", Figures.duration(drain.foundAfter()));
        idleRows(table, idle);
        manyRows(table, many);
        table.note("Drain: from the poller's login to the mailbox (Dovecot's log), as the raw fetch is timed from "
                + "its login, to the record of the last message on mail.inbound.messages; the mailbox created in "
                + "MongoDB once the poller (interval " + inbound.pollInterval().toSeconds() + " s, startFrom ALL, "
                + "afterRead NONE) had drained " + inbound.warmup() + " warm-up messages of another mailbox.");
        table.note("New mail: " + idle.latencies().expected() + " messages through LMTP, one every "
                + inbound.idleSpacing().toMillis() + " ms; from LMTP's 250 to the record's timestamp.");
        table.note("Scheduling delay: from Dovecot's login log; a re-poll's lateness is the time between two logins "
                + "less the interval. A mailbox whose session stays open (IDLE) is watched, not polled.");
        if (!inbound.pollerArguments().isEmpty()) {
            table.note("The poller ran with " + String.join(" ", inbound.pollerArguments())
                    + " (BENCH_POLLER_ARGS), not with its defaults alone.");
        }
        return table;
    }

    private void idleRows(ResultTable table, IdleRun idle) {
        Duration bound = inbound.pollInterval().multipliedBy(2).plusSeconds(30);
        OptionalLong p50 = idle.latencies().percentile(50);
        String what = "new-mail latency %s (poll interval " + idle.intervalSeconds() + " s, IDLE where offered)";
        table.row(String.format(what, "p50"), idle.latencies().describe(50, bound), "< 1 s",
                        p50.isPresent() ? p50.getAsLong() < IDLE_P50_GOAL_MILLIS : Boolean.FALSE)
                .row(String.format(what, "p99"), idle.latencies().describe(99, bound));
    }

    private void manyRows(ResultTable table, ManyRun many) {
        SchedulingDelay delay = many.delay();
        String label = String.format("%,d mailboxes (interval %d s, %d s watched): ", delay.mailboxes(),
                inbound.manyInterval().toSeconds(), many.watched().toSeconds());
        table.row(label + "heap, most used", Figures.mebibytes(many.usage().peakHeapUsedBytes()), "< 512 MB",
                        many.usage().peakHeapUsedBytes() < HEAP_GOAL_BYTES)
                .row(label + "heap, live after GC", live(many.usage()))
                .row(label + "process CPU", Figures.cores(many.usage().cpuCores()), "< 1 core",
                        many.usage().cpuCores() < 1.0)
                .row(label + "read at least once", String.format("%,d of %,d", delay.readOnce(), delay.mailboxes()))
                .row(label + "first read after start, p50 / p99 / all",
                        delay.firstRead().describe(50, many.watched()) + " / "
                                + delay.firstRead().describe(99, many.watched()) + " / "
                                + delay.firstRead().describe(100, many.watched()))
                .row(label + "re-poll lateness p50 / p99 (" + delay.lateness().expected() + " due)",
                        delay.lateness().expected() == 0 ? "none due"
                                : delay.lateness().describe(50, delay.overdueBy()) + " / "
                                        + delay.lateness().describe(99, delay.overdueBy()))
                .row(label + "sessions kept open (IDLE) at the end", String.format("%,d", delay.connected()));
    }

    private static String usage(ResourceUsage usage) {
        return Figures.mebibytes(usage.peakHeapUsedBytes()) + " / " + live(usage) + " / "
                + Figures.cores(usage.cpuCores());
    }

    private static String live(ResourceUsage usage) {
        return usage.peakLiveBytes() == 0 ? "n/a" : Figures.mebibytes(usage.peakLiveBytes());
    }

    private static String unfinished(DrainRun drain) {
        return drain.complete() ? "" : String.format(" (UNFINISHED: %,d by the deadline)", drain.published());
    }
}
