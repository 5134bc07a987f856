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
 * @param loginThrottle  how failed sign-ins (form login and HTTP Basic) are slowed down and refused
 */
@Validated
@ConfigurationProperties("mailgw.config")
public record ConfigServiceProperties(@DefaultValue("5s") @NotNull Duration publishTimeout,
        @DefaultValue @NotNull LoginThrottle loginThrottle) {

    public ConfigServiceProperties {
        if (publishTimeout != null && (publishTimeout.isNegative() || publishTimeout.isZero())) {
            throw new IllegalArgumentException("mailgw.config.publish-timeout must be positive, was " + publishTimeout);
        }
    }

    /**
     * Failed sign-ins from one address for one user name ({@code mailgw.config.login-throttle.*});
     * from one address for any user name, ten times as many are allowed.
     *
     * @param freeFailures failures answered at once; default 3
     * @param baseDelay    after those, the next attempt must wait this, doubling with each failure; default 1 s
     * @param maxFailures  failures after which every attempt is refused for {@code lockout}; default 10
     * @param lockout      default 15 min; also how long failures are remembered
     * @param maxTracked   addresses and user names remembered at most, oldest forgotten first; default 100000
     */
    public record LoginThrottle(@DefaultValue("3") int freeFailures, @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("10") int maxFailures, @DefaultValue("15m") Duration lockout,
            @DefaultValue("100000") long maxTracked) {

        public LoginThrottle {
            if (freeFailures < 0 || maxFailures <= freeFailures) {
                throw new IllegalArgumentException("mailgw.config.login-throttle: max-failures (" + maxFailures
                        + ") must be more than free-failures (" + freeFailures + ")");
            }
        }
    }
}
