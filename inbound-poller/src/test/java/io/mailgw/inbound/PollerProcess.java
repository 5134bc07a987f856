package io.mailgw.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mailgw.testing.TestInfrastructure;

/**
 * An inbound poller in a JVM of its own, started as {@code java -cp <the test class path>
 * io.mailgw.inbound.InboundPollerApplication} against this test JVM's Kafka and MongoDB, so that a
 * test can kill it as an operator's {@code kill -9} would, or give it a small heap. Its output goes
 * to {@code target/<name>.log}.
 */
final class PollerProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private PollerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * @param jvmOptions such as {@code -Xmx256m}
     * @param arguments  more {@code --name=value} settings, which win over the common ones
     */
    static PollerProcess start(String name, String database, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), InboundPollerApplication.class.getName(),
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--mailgw.secret-key=" + TestInfrastructure.TEST_SECRET_KEY,
                "--mailgw.connect-allow=" + TestInfrastructure.CONNECT_ALLOW,
                "--mailgw.connect-ports=" + TestInfrastructure.CONNECT_PORTS));
        command.addAll(arguments);
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new PollerProcess(name, process);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Starting poller " + name + " failed", ex);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code once it ended, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Kills it at once, without a shutdown: no lease is given back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops it as SIGTERM does, gracefully. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The class path of this test run: Surefire names it, the JVM's own may be a manifest-only jar. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
