package io.mailgw.config.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic for the API and the actuator, stateless, CSRF off for the API (it takes no
 * cookies). Reading the API needs VIEWER or ADMIN, changing it ADMIN; health and its probes
 * are open (details only for ADMIN), the other actuator endpoints need ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String API = "/api/**";
    private static final String ADMIN = ApiRole.ADMIN.name();
    private static final String VIEWER = ApiRole.VIEWER.name();
    /** Reading these too needs ADMIN: the users, and the whole configuration at once. */
    private static final String[] ADMIN_ONLY = {"/api/v1/users/**", "/api/v1/export", "/api/v1/import"};
    /** The OpenAPI description and Swagger UI, for any signed-in user. */
    private static final String[] OPENAPI = {"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(ADMIN_ONLY).hasRole(ADMIN)
                        .requestMatchers(OPENAPI).hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers(HttpMethod.GET, API).hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers(HttpMethod.HEAD, API).hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers(API).hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("mailgw").authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers(API))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * BCrypt for new hashes, stored with their {@code {bcrypt}} prefix so that a later upgrade can
     * tell them apart; a bare {@code $2a$...} hash that an operator put in by hand matches too.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder encoder =
                (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }
}
