package io.mailgw.outbound;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link OutboundProperties} bound as Spring Boot binds them, so that tests see the real defaults. */
public final class TestOutboundProperties {

    private TestOutboundProperties() {
    }

    public static OutboundProperties defaults() {
        return with(Map.of());
    }

    /** @param properties overrides, named as in the properties file ({@code mailgw.outbound.max-recipients}) */
    public static OutboundProperties with(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mailgw.outbound", OutboundProperties.class);
    }
}
