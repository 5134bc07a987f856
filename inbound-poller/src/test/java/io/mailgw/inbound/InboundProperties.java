package io.mailgw.inbound;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The poller's settings as the application binds them, defaults and all, with some changed. */
public final class InboundProperties {

    private InboundProperties() {
    }

    /** @param changed property names under {@code mailgw.inbound.}, such as {@code raw-retention} */
    public static InboundPollerProperties with(Map<String, String> changed) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        changed.forEach((name, value) -> source.put("mailgw.inbound." + name, value));
        return new Binder(source).bindOrCreate("mailgw.inbound", InboundPollerProperties.class);
    }
}
