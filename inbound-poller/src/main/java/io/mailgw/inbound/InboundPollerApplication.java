package io.mailgw.inbound;

import io.mailgw.model.connect.MailStreamProviders;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The inbound poller (port 8081); its settings file is {@code inbound-poller.properties}. */
@SpringBootApplication
@EnableConfigurationProperties(InboundPollerProperties.class)
public class InboundPollerApplication {

    /**
     * Jakarta Mail looks its stream provider up through {@link java.util.ServiceLoader} every time it
     * reads headers or decodes a part, several times per message, unless this system property names
     * it: then it is one reflective construction. The provider is Angus Mail's, the one the lookup finds.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    public static SpringApplicationBuilder application() {
        MailStreamProviders.nameAngusUnlessSet();
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        return new SpringApplicationBuilder(InboundPollerApplication.class)
                .properties("spring.config.name=inbound-poller");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
