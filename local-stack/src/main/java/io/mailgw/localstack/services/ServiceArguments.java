package io.mailgw.localstack.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command-line arguments every service of the local stack gets: the embedded Kafka and
 * MongoDB, the password key, the connect guard's allow-list, a short shutdown, and the log levels
 * the local stack was started with (logging is one per JVM, and each service start re-reads it).
 */
public final class ServiceArguments {

    private final List<String> common;

    /**
     * @param secretKey the key that encrypts mailbox passwords; never logged
     * @param logLevels {@code logging.level.*} of the local stack, by logger name
     */
    public ServiceArguments(String kafkaBootstrapServers, String mongoUri, String secretKey, String connectAllow,
            Map<String, String> logLevels) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--spring.mongodb.uri=" + mongoUri,
                "--mailgw.secret-key=" + secretKey,
                "--mailgw.connect-allow=" + connectAllow,
                "--spring.lifecycle.timeout-per-shutdown-phase=10s",
                "--spring.main.banner-mode=off",
                "--logging.include-application-name=false"));
        logLevels.forEach((logger, level) -> arguments.add("--logging.level." + logger + "=" + level));
        this.common = List.copyOf(arguments);
    }

    private ServiceArguments(List<String> common) {
        this.common = List.copyOf(common);
    }

    /** These arguments followed by more ({@code --name=value}), which win over them; such as short retry delays. */
    public ServiceArguments and(String... more) {
        List<String> arguments = new ArrayList<>(common);
        arguments.addAll(List.of(more));
        return new ServiceArguments(arguments);
    }

    List<String> forPort(int port) {
        List<String> arguments = new ArrayList<>(common);
        arguments.add("--server.port=" + port);
        return arguments;
    }

    @Override
    public String toString() {
        return "ServiceArguments[" + common.size() + " arguments]";
    }
}
