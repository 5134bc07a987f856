package io.mailgw.config.security;

import io.mailgw.config.audit.AuditLog;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two audiences, two filter chains. Scripts call the API and the actuator with HTTP Basic,
 * stateless, without CSRF tokens (they send no cookies), and get problem details for 401 and 403.
 * People use the admin page (everything else) with a form login, a session and CSRF protection.
 * Both read with role VIEWER or ADMIN and change with ADMIN; health and its probes are open (details
 * only for ADMIN), the other actuator endpoints need ADMIN.
 * <p>
 * To protect a new path: under {@code /api/} it is the API's, and a rule more specific than
 * "GET is VIEWER, the rest ADMIN" goes before the GET rule in {@link #apiSecurity} (as
 * {@link #ADMIN_ONLY} does); any other path is the page's, and its rule goes into
 * {@link #pageSecurity} before the GET rule there (as {@link #OPENAPI} does).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String API = "/api/**";
    private static final String ADMIN = ApiRole.ADMIN.name();
    private static final String VIEWER = ApiRole.VIEWER.name();
    /** Reading these too needs ADMIN: the users, the whole configuration at once, and received messages. */
    private static final String[] ADMIN_ONLY = {"/api/v1/users/**", "/api/v1/export", "/api/v1/import",
            "/api/v1/mailboxes/*/messages/**"};
    /** The OpenAPI description and Swagger UI, for any signed-in user (form login or HTTP Basic). */
    private static final String[] OPENAPI = {"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};
    /** Where a provider sends an admin back after signing in for a mailbox: it stores a refresh token. */
    private static final String SIGN_IN = "/oauth2/**";
    /** What the login page needs before anyone is signed in. */
    private static final String[] PAGE_ASSETS = {"/css/**", "/js/**", "/favicon.ico"};

    /** The login page's path; a failed login comes back to {@code /login?error}. */
    static final String LOGIN = "/login";
    /** The login page answering 429, when failed sign-ins must wait. */
    static final String THROTTLED = "/login/throttled";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) {
        return http
                .securityMatchers(matchers -> matchers.requestMatchers(API)
                        .requestMatchers(EndpointRequest.toAnyEndpoint()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                        .requestMatchers(ADMIN_ONLY).hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, API).hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers(HttpMethod.HEAD, API).hasAnyRole(ADMIN, VIEWER)
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(basic -> basic.realmName("mailgw").authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * The admin page and the rest: a session after the form login at {@value #LOGIN}, CSRF tokens
     * on every form, logout by POST to {@code /logout}. HTTP Basic is taken here too, so that a
     * script can read the OpenAPI description; it gives no way around the CSRF check.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN, THROTTLED, "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, PAGE_ASSETS).permitAll()
                        .requestMatchers(OPENAPI).hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers(SIGN_IN).hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(ADMIN, VIEWER)
                        .requestMatchers(HttpMethod.HEAD, "/**").hasAnyRole(ADMIN, VIEWER)
                        .anyRequest().hasRole(ADMIN))
                .formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl("/", false)
                        .failureHandler(new LoginFailureHandler()))
                .logout(logout -> logout.logoutSuccessUrl(LOGIN + "?logout"))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    /**
     * The one way users sign in, by form or HTTP Basic: the users in MongoDB behind the
     * {@link LoginThrottle}, failures audited.
     */
    @Bean
    AuthenticationProvider authenticationProvider(ApiUserDetailsService users, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, AuditLog audit) {
        DaoAuthenticationProvider checked = new DaoAuthenticationProvider(users);
        checked.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(checked, throttle, audit);
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
