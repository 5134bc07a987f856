package io.mailgw.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine a run measured, in the words the table's title gives: cores, CPU, memory, Java. */
final class MachineDescription {

    private MachineDescription() {
    }

    static String current() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.availableProcessors() + " cores (" + cpuModel() + "), "
                + (physicalMemoryGib() > 0 ? physicalMemoryGib() + " GiB, " : "")
                + "Java " + System.getProperty("java.version") + ", load average " + loadAverage()
                + " at the end (other work on the machine slows every figure)";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1 / 5 / 15 min)";
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        }
        catch (IOException | RuntimeException ex) {
            return "unknown CPU";
        }
    }

    private static long physicalMemoryGib() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.round(sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return 0;
    }
}
