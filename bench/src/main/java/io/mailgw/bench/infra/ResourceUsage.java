package io.mailgw.bench.infra;

import java.time.Duration;

/**
 * What a service's JVM used while it was sampled.
 *
 * @param peakHeapUsedBytes    the most heap in use at one sample, garbage included, in bytes
 * @param peakLiveBytes        the largest old generation left after a collection: what the service keeps, in bytes
 * @param cpuCores             process CPU time over wall time: 1.0 is one core fully busy
 * @param sampledFor           how long it was sampled
 */
public record ResourceUsage(long peakHeapUsedBytes, long peakLiveBytes, double cpuCores, Duration sampledFor) {
}
