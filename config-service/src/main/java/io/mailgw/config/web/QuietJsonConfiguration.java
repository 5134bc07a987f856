package io.mailgw.config.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Puts {@link QuietJsonHttpMessageConverter} in the place of Spring Boot's JSON converter, with the same mapper. */
@Configuration(proxyBeanMethods = false)
class QuietJsonConfiguration {

    /** Last, so that it replaces the JSON converter that Boot's own customizer sets. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer quietJsonConverter(JsonMapper mapper) {
        return converters -> converters.withJsonConverter(new QuietJsonHttpMessageConverter(mapper));
    }
}
