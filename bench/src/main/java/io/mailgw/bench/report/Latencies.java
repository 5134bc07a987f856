package io.mailgw.bench.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Latencies of the messages of one run, in milliseconds, with the messages that never finished
 * counted as slower than every finished one: a percentile that falls among those is unknown
 * ({@link OptionalLong#empty()}), never the slowest finished latency, so that an unfinished run
 * cannot look fast.
 */
public final class Latencies {

    private final long[] sortedMillis;
    private final int expected;

    private Latencies(long[] sortedMillis, int expected) {
        this.sortedMillis = sortedMillis;
        this.expected = expected;
    }

    /**
     * @param finishedMillis one latency per finished message, in milliseconds
     * @param expected       how many messages the run sent; at least as many as finished
     */
    public static Latencies of(Collection<Long> finishedMillis, int expected) {
        if (expected < finishedMillis.size()) {
            throw new IllegalArgumentException(finishedMillis.size() + " latencies for " + expected + " messages");
        }
        long[] sorted = finishedMillis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Latencies(sorted, expected);
    }

    public int finished() {
        return sortedMillis.length;
    }

    public int expected() {
        return expected;
    }

    /**
     * The nearest-rank percentile over all expected messages.
     *
     * @param percent such as 50 or 99
     * @return the latency in milliseconds, or empty when that rank is among the unfinished messages
     */
    public OptionalLong percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile " + percent + " is not in (0, 100]");
        }
        if (expected == 0) {
            return OptionalLong.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * expected);
        return rank <= sortedMillis.length ? OptionalLong.of(sortedMillis[rank - 1]) : OptionalLong.empty();
    }

    /** A percentile as text: {@code 42 ms}, or {@code > 120 s} when it is among the unfinished messages. */
    public String describe(double percent, Duration waitedFor) {
        OptionalLong value = percentile(percent);
        return value.isPresent() ? Figures.millis(value.getAsLong()) : "> " + Figures.duration(waitedFor) + " (unfinished)";
    }

    /** For logs: finished of expected, p50, p90, p99 and the slowest finished. */
    @Override
    public String toString() {
        long slowest = sortedMillis.length == 0 ? 0 : sortedMillis[sortedMillis.length - 1];
        return "Latencies[" + finished() + " of " + expected + " finished, p50=" + percentile(50) + ", p90="
                + percentile(90) + ", p99=" + percentile(99) + ", slowest=" + slowest + " ms]";
    }
}
