package io.mailgw.bench.infra;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;

/**
 * Samples the heap and CPU of a service's JVM through the JDK's attach API and the platform
 * MXBeans, four times a second, from the moment it is created until {@link #stop()}. This needs
 * no actuator endpoint and no credentials, and reads the same figures whatever version of the
 * service runs. The old generation's size after its last collection is the live set: what the
 * service really keeps, whereas heap used also counts garbage not yet collected.
 */
public final class ProcessSampler {

    private static final Duration PERIOD = Duration.ofMillis(250);

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> heapPools;
    private final OperatingSystemMXBean os;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peakHeapUsed = new AtomicLong();
    private final AtomicLong peakLiveAfterGc = new AtomicLong();
    private final long startCpuNanos;
    private final long startWallNanos;
    private volatile long lastCpuNanos;
    private volatile long lastWallNanos;

    private ProcessSampler(JMXConnector connector) throws IOException {
        this.connector = connector;
        MBeanServerConnection server = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        this.heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        this.os = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                OperatingSystemMXBean.class);
        this.startCpuNanos = os.getProcessCpuTime();
        this.startWallNanos = System.nanoTime();
        this.lastCpuNanos = startCpuNanos;
        this.lastWallNanos = startWallNanos;
    }

    /** Attaches to the JVM of {@code pid} (same user) and starts sampling. */
    public static ProcessSampler attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        }
        finally {
            vm.detach();
        }
        ProcessSampler sampler = new ProcessSampler(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        sampler.timer.scheduleAtFixedRate(sampler::sampleQuietly, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sampleQuietly() {
        try {
            sample();
        }
        catch (RuntimeException ex) {
            // the JVM is stopping: the samples so far stand
        }
    }

    private void sample() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        peakHeapUsed.accumulateAndGet(heap.getUsed(), Math::max);
        long live = heapPools.stream().filter(ProcessSampler::isOldGeneration)
                .map(MemoryPoolMXBean::getCollectionUsage).filter(Objects::nonNull)
                .mapToLong(MemoryUsage::getUsed).sum();
        peakLiveAfterGc.accumulateAndGet(live, Math::max);
        lastCpuNanos = os.getProcessCpuTime();
        lastWallNanos = System.nanoTime();
    }

    private static boolean isOldGeneration(MemoryPoolMXBean pool) {
        String name = pool.getName();
        return name.contains("Old Gen") || name.contains("Tenured");
    }

    /** Stops sampling and says what was seen; the service keeps running. */
    public ResourceUsage stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            sampleQuietly();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            closeQuietly();
        }
        Duration wall = Duration.ofNanos(lastWallNanos - startWallNanos);
        double cores = wall.isZero() ? 0 : (double) (lastCpuNanos - startCpuNanos) / wall.toNanos();
        return new ResourceUsage(peakHeapUsed.get(), peakLiveAfterGc.get(), cores, wall);
    }

    private void closeQuietly() {
        try {
            connector.close();
        }
        catch (IOException ex) {
            // the JVM may already be gone
        }
    }
}
