package io.mailgw.bench.outbound.naive;

import io.mailgw.events.kafka.GatewayTopicsAutoConfiguration;
import io.mailgw.model.SharedModelAutoConfiguration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;

/**
 * A send-mail service as a user would write it from the Spring guides: Spring Boot's Kafka
 * listener and mail sender with their defaults, nothing pooled, nothing tuned. Started by the
 * outbound benchmark in its own JVM ({@code naive-sender}), with the sender's heap; it shares the
 * harness's jar, so the gateway's own auto-configurations and MongoDB are left out.
 */
@SpringBootApplication(exclude = {SharedModelAutoConfiguration.class, GatewayTopicsAutoConfiguration.class,
        MongoAutoConfiguration.class, DataMongoAutoConfiguration.class, DataMongoRepositoriesAutoConfiguration.class})
public class NaiveSenderApplication {

    /** Runs it with {@code --spring.kafka.bootstrap-servers}, {@code --spring.mail.host} and {@code --spring.mail.port}. */
    public static void run(String[] args) {
        new SpringApplicationBuilder(NaiveSenderApplication.class)
                .properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
                        "spring.kafka.consumer.auto-offset-reset=earliest",
                        "spring.kafka.consumer.group-id=bench-naive-sender")
                .run(args);
    }
}
