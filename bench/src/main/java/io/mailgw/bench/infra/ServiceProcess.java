package io.mailgw.bench.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;

/**
 * A gateway service under test, in its own JVM from its executable jar ({@code <module>/target/
 * <module>-*-exec.jar}), configured as ops would: environment variables and {@code --} properties.
 * It is ready when its actuator says {@code /actuator/health/readiness} is UP; the actuator's
 * login, when it needs one, comes from {@code BENCH_ACTUATOR_USER} and {@code BENCH_ACTUATOR_PASSWORD}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(45);

    private final String name;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * @param module    {@code outbound-sender} or {@code inbound-poller}
     * @param heap      its {@code -Xmx}, such as {@code 256m}
     * @param port      its actuator port ({@code PORT})
     * @param arguments more {@code --name=value} properties
     */
    public static ServiceProcess start(Path repository, String module, String heap, int port, Map<String, String> env,
                                       List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-jar", executableJar(repository, module).toString()));
        command.addAll(arguments);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("PORT", String.valueOf(port));
        return new ServiceProcess(module, ChildProcesses.start(command, environment, log), port);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path executableJar(Path repository, String module) throws IOException {
        Path target = repository.resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        catch (NoSuchFileException ex) {
            // not built yet: said below
        }
        throw new IOException("No " + module + "-*-exec.jar in " + target + "; build it with "
                + "mvn -B -ntp -pl bench -am package -DskipTests");
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the service says it is ready, or fails when it ended or the time is up. */
    public ServiceProcess awaitReady(Duration timeout) {
        Awaitility.await(name + " ready on port " + port).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
                                + " before it was ready; see its log");
                    }
                    return ready();
                });
        return this;
    }

    private boolean ready() {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2));
        actuatorLogin().ifPresent(login -> request.header("Authorization", login));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<String> actuatorLogin() {
        String user = System.getenv("BENCH_ACTUATOR_USER");
        String password = System.getenv("BENCH_ACTUATOR_PASSWORD");
        if (user == null || user.isBlank() || password == null) {
            return Optional.empty();
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Optional.of("Basic " + token);
    }

    /** Lets it run for {@code period}, failing at once if it ends meanwhile. */
    public void awaitRunning(Duration period) {
        long until = System.nanoTime() + period.toNanos();
        Awaitility.await(name + " running for " + period.toSeconds() + " s").atMost(period.plusSeconds(5))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
                                + "; see its log");
                    }
                    return System.nanoTime() >= until;
                });
    }

    /** Stops it as ops would (SIGTERM, a graceful shutdown), and kills it when that takes too long. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_GRACE);
    }
}
