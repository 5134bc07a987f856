package io.mailgw.bench.report;

import java.time.Duration;
import java.util.Locale;

/** How figures read in the table: rates, sizes, times and shares, all in one style. */
public final class Figures {

    private static final double MIB = 1024.0 * 1024.0;

    private Figures() {
    }

    /** Messages per second from a count and the time they took; {@code n/a} when no time passed. */
    public static double rate(long messages, Duration took) {
        return took.isZero() || took.isNegative() ? 0 : messages * 1000.0 / took.toMillis();
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f msg/s", perSecond);
    }

    public static String millis(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%,d ms", millis)
                : String.format(Locale.ROOT, "%,.1f s", millis / 1000.0);
    }

    public static String duration(Duration duration) {
        return millis(duration.toMillis());
    }

    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / MIB);
    }

    /** {@code part} as a percentage of {@code whole}, such as {@code 37.5 %}; {@code n/a} when whole is 0. */
    public static String percent(double part, double whole) {
        return whole <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", part * 100.0 / whole);
    }

    /** {@code part} as a multiple of {@code whole}, such as {@code 5.2x}; {@code n/a} when whole is 0. */
    public static String times(double part, double whole) {
        return whole <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1fx", part / whole);
    }

    /** A share of one core, such as {@code 0.42 cores}. */
    public static String cores(double cores) {
        return String.format(Locale.ROOT, "%.2f cores", cores);
    }
}
