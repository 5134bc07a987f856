package io.mailgw.outbound;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mailgw.testing.TestInfrastructure;

/**
 * The sender in a JVM of its own, on the shared test servers, so that a test can kill it hard
 * ({@code kill -9}) in the middle of its work and start it again. Its output goes to a file under
 * {@code target/}.
 */
final class SenderProcess implements AutoCloseable {

    private final Process process;

    private SenderProcess(Process process) {
        this.process = process;
    }

    /**
     * @param topics   the topics and consumer group the sender uses
     * @param database its MongoDB database
     * @param log      where its output goes
     */
    static SenderProcess start(SenderTopics topics, String database, Path log, String... extraArguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), OutboundSenderApplication.class.getName(),
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--mailgw.secret-key=" + TestInfrastructure.TEST_SECRET_KEY,
                "--mailgw.connect-allow=" + TestInfrastructure.CONNECT_ALLOW,
                "--mailgw.connect-ports=" + TestInfrastructure.CONNECT_PORTS));
        command.addAll(topics.arguments());
        command.addAll(List.of(extraArguments));
        File output = log.toFile();
        output.getParentFile().mkdirs();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output)).start();
        return new SenderProcess(process);
    }

    /** Kills the JVM at once, as {@code kill -9} does: no shutdown hook, no commit, no goodbye. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
