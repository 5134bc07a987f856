package io.mailgw.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process a run starts (smtp-sink, Dovecot, the services, the naive sender) goes through
 * here, so that none outlives the run: each is stopped by the code that started it, and whatever
 * is left when the JVM ends (Ctrl-C, a failure) is stopped by a shutdown hook. Output goes to a
 * log file of its own.
 */
public final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "bench-child-reaper"));
    }

    private ChildProcesses() {
    }

    /**
     * @param log where standard output and error go, appended
     */
    public static Process start(List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    /** Like {@link #start} but the caller reads the output itself (smtp-sink's counters). */
    public static Process startPiped(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        RUNNING.add(process);
        return process;
    }

    /** Asks the process and its children to end (SIGTERM), and kills what is left after {@code grace}. */
    public static void stop(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            RUNNING.remove(process);
        }
    }

    private static void stopAll() {
        RUNNING.forEach(process -> stop(process, Duration.ofSeconds(5)));
    }
}
