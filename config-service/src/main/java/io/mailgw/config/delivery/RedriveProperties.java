package io.mailgw.config.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a re-drive ({@code mailgw.config.redrive.*}).
 *
 * @param timeout       how long one re-drive may take in all: reading the dead-letter topic to its end,
 *                      then republishing and awaiting Kafka's acks; default 60 s. A scan that does not
 *                      finish in time changes nothing; requests not republished in time stay as they were
 * @param maxRequestIds how many request ids one call may name; default 1000
 */
@Validated
@ConfigurationProperties("mailgw.config.redrive")
record RedriveProperties(
        @DefaultValue("60s") @NotNull Duration timeout,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxRequestIds) {

    RedriveProperties {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("mailgw.config.redrive.timeout must be positive, was " + timeout);
        }
    }
}
