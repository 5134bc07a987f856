package io.mailgw.inbound;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every MongoDB call of the poller gives up after the read timeout ({@code mailgw.inbound.read-timeout},
 * 30 s), where the driver would wait for ever: a stalled database must not hold a worker, nor the
 * lease round, without end. Connecting and choosing a server keep the driver's own limits.
 */
@Configuration(proxyBeanMethods = false)
class MongoTimeouts {

    @Bean
    MongoClientSettingsBuilderCustomizer mongoReadTimeout(InboundPollerProperties properties) {
        return settings -> settings.applyToSocketSettings(socket -> socket
                .readTimeout((int) properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
}
