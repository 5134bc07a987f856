package io.mailgw.localstack;

/**
 * One piece of the local stack (a server, the demo seed, the services), started in order and
 * stopped in reverse order by {@link StackLauncher}.
 */
public interface StackPart {

    /** What the operator reads in the start and stop lines, such as {@code Kafka broker on 127.0.0.1:9092}. */
    String description();

    /** Starts the part and returns once it answers; throws when it cannot, saying why. */
    void start() throws Exception;

    /** Stops the part; called once, also after a failed {@link #start()}. */
    default void stop() throws Exception {
    }
}
