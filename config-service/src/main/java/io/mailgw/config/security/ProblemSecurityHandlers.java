package io.mailgw.config.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Hands 401 and 403 from the security filters to the API's exception handlers, so that they are
 * problem details like every other error (with {@code WWW-Authenticate: Basic} on a 401).
 */
@Component
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver resolver;

    ProblemSecurityHandlers(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        resolve(request, response, authException, HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        resolve(request, response, accessDeniedException, HttpServletResponse.SC_FORBIDDEN);
    }

    private void resolve(HttpServletRequest request, HttpServletResponse response, Exception ex, int fallbackStatus)
            throws IOException {
        ModelAndView handled = resolver.resolveException(request, response, null, ex);
        if (handled == null && !response.isCommitted()) {
            response.sendError(fallbackStatus);
        }
    }
}
