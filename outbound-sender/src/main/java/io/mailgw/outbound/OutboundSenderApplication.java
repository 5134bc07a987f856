package io.mailgw.outbound;

import io.mailgw.model.connect.MailStreamProviders;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The outbound sender: consumes {@code SendMailRequested}, resolves the outbox (CONTRACT §2),
 * delivers over SMTP and publishes {@code DeliveryStatus}. Port 8082 for its actuator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OutboundSenderApplication {

    /** CloudEvents {@code ce_source} of every record this service writes. */
    public static final String EVENT_SOURCE = "/mailgw/outbound-sender";

    /** The application with its own properties file, so that it can share one JVM with the other services. */
    public static SpringApplicationBuilder application() {
        MailStreamProviders.nameAngusUnlessSet();
        return new SpringApplicationBuilder(OutboundSenderApplication.class)
                .properties("spring.config.name=outbound-sender");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
