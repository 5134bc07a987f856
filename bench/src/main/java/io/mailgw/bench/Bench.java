package io.mailgw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.mailgw.bench.inbound.InboundBench;
import io.mailgw.bench.infra.BenchStack;
import io.mailgw.bench.outbound.OutboundBench;
import io.mailgw.bench.outbound.naive.NaiveSenderApplication;
import io.mailgw.bench.report.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./bench/run.sh outbound|inbound|all}: starts the embedded Kafka and MongoDB, runs the
 * benchmarks asked for, prints their tables and keeps them under {@code bench/target/results/}.
 * {@code naive-sender} is the naive sender's own JVM, started by the outbound benchmark.
 */
public final class Bench {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "all" : args[0];
        if (command.equals("naive-sender")) {
            NaiveSenderApplication.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (!List.of("outbound", "inbound", "all").contains(command)) {
            System.err.println("Usage: ./bench/run.sh outbound|inbound|all");
            System.exit(2);
        }
        Path repository = Path.of(System.getProperty("bench.repository", ".")).toAbsolutePath().normalize();
        BenchSettings settings = BenchSettings.from(System.getenv(), repository);
        int status = 1;
        try {
            String report = run(command, settings);
            System.out.println(report);
            Path results = keep(report, command, repository);
            log.info("Figures kept in {}", results);
            status = 0;
        }
        catch (Exception ex) {
            log.error("The {} benchmark failed: {}", command, ex.getMessage(), ex);
        }
        finally {
            // Kafka's and the MongoDB driver's threads are stopped; exit so no straggler keeps the run alive.
            System.exit(status);
        }
    }

    private static String run(String command, BenchSettings settings) throws Exception {
        emptyDirectory(settings.workDir());
        List<ResultTable> tables = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(settings)) {
            if (!command.equals("inbound")) {
                tables.add(new OutboundBench(settings, stack).run());
            }
            if (!command.equals("outbound")) {
                tables.add(new InboundBench(settings, stack).run());
            }
        }
        StringBuilder report = new StringBuilder("## Benchmark " + command + ", " + LocalDate.now() + ", "
                + MachineDescription.current() + "\n\n");
        tables.forEach(table -> report.append(table.render()).append('\n'));
        return report.toString();
    }

    private static Path keep(String report, String command, Path repository) throws IOException {
        Path dir = repository.resolve("bench/target/results");
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.writeString(dir.resolve(stamp + "-" + command + ".md"), report);
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
