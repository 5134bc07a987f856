package io.mailgw.inbound;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The inbound poller (port 8081); its settings file is {@code inbound-poller.properties}. */
@SpringBootApplication
@EnableConfigurationProperties(InboundPollerProperties.class)
public class InboundPollerApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(InboundPollerApplication.class)
                .properties("spring.config.name=inbound-poller");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
