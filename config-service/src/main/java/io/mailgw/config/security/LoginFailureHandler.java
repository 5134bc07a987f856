package io.mailgw.config.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * The form login's answer to a failure: back to {@code /login?error}, or, while sign-ins from here
 * for that user must wait, the login page itself with 429, {@code Retry-After} and how long.
 */
class LoginFailureHandler implements AuthenticationFailureHandler {

    /** The request attribute the login page reads the wait from, in seconds. */
    static final String RETRY_AFTER = LoginFailureHandler.class.getName() + ".retryAfter";

    private final AuthenticationFailureHandler wrongCredentials =
            new SimpleUrlAuthenticationFailureHandler(SecurityConfiguration.LOGIN + "?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof LoginThrottledException throttled) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            request.setAttribute(RETRY_AFTER, throttled.retryAfterSeconds());
            request.getRequestDispatcher(SecurityConfiguration.THROTTLED).forward(request, response);
            return;
        }
        wrongCredentials.onAuthenticationFailure(request, response, exception);
    }
}
