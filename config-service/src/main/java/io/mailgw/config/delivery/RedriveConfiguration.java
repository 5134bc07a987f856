package io.mailgw.config.delivery;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the re-drive's bounds ({@code mailgw.config.redrive.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedriveProperties.class)
class RedriveConfiguration {
}
