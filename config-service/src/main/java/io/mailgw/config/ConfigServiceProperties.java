package io.mailgw.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the config service ({@code mailgw.config.*}). The first admin's credentials are
 * deliberately not here: a record prints every component.
 *
 * @param publishTimeout how long a change request waits for Kafka to acknowledge its
 *                       {@code ConfigChanged} event before answering anyway; default 5 s
 */
@Validated
@ConfigurationProperties("mailgw.config")
public record ConfigServiceProperties(@DefaultValue("5s") @NotNull Duration publishTimeout) {

    public ConfigServiceProperties {
        if (publishTimeout != null && (publishTimeout.isNegative() || publishTimeout.isZero())) {
            throw new IllegalArgumentException("mailgw.config.publish-timeout must be positive, was " + publishTimeout);
        }
    }
}
