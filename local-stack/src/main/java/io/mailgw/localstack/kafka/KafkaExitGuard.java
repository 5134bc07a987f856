package io.mailgw.localstack.kafka;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded broker from ending the JVM. Kafka calls {@link Exit#exit} or
 * {@link Exit#halt} on fatal errors (a full disk, a corrupt log); here that becomes an error
 * line and an exception in the failing Kafka thread, while the services and the other servers
 * keep running.
 */
final class KafkaExitGuard {

    private static final Logger log = LoggerFactory.getLogger(KafkaExitGuard.class);

    private KafkaExitGuard() {
    }

    static void install() {
        Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
        Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
    }

    private static void refuse(String what, int status, String message) {
        String text = "The embedded Kafka broker asked to " + what + " the JVM (status " + status
                + (message == null ? "" : ": " + message) + "); the JVM keeps running, but Kafka may be unusable"
                + " until the local stack is restarted";
        log.error(text);
        throw new KafkaExitRefusedException(text);
    }

    /** Thrown in the Kafka thread that asked to end the JVM. */
    static final class KafkaExitRefusedException extends RuntimeException {

        KafkaExitRefusedException(String message) {
            super(message);
        }
    }
}
