package io.mailgw.config.web;

import java.util.List;
import java.util.UUID;

import io.mailgw.config.security.LoginThrottledException;
import io.mailgw.model.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem detail ({@code application/problem+json}):
 * Spring MVC's own (404, 405, 415 ...) through the base class, the API's through the handlers
 * below. Validation problems carry an {@code errors} array of {@code {"field", "message", "code"}}.
 * A 500 names a reference that is also in the log; no stack trace leaves the server.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    /** The value of {@code WWW-Authenticate} on a 401. */
    static final String BASIC_CHALLENGE = "Basic realm=\"mailgw\"";

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
        return invalid(ex.violations());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, ex.getMessage());
        if (!ex.referencedBy().isEmpty()) {
            response.getBody().setProperty("referencedBy", ex.referencedBy());
        }
        return response;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
        return problem(HttpStatus.CONFLICT, "The document was changed or deleted by another request meanwhile; "
                + "read it again and repeat the change");
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException ex) {
        return problem(HttpStatus.CONFLICT, "A document with this id was created by another request meanwhile; "
                + "choose another id");
    }

    /** Failed sign-ins from this address for this user must wait: 429 with {@code Retry-After}. */
    @ExceptionHandler(LoginThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(LoginThrottledException ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Sign in with HTTP Basic as a user of role ADMIN or VIEWER");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE)
                .body(body);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, "Your role may not do this: reading needs role VIEWER or ADMIN, "
                + "changing configuration and the other actuator endpoints need role ADMIN");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        String reference = UUID.randomUUID().toString();
        log.error("Request {} failed unexpectedly (reference {}); the client got a 500", request.getDescription(false),
                reference, ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error; the server log has the details under reference " + reference);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = jacksonCause(ex);
        FieldViolation violation = jackson != null ? MalformedJson.describe(jackson)
                : new FieldViolation("$", "a JSON body is required");
        ResponseEntity<ProblemDetail> response = invalid(List.of(violation));
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }

    static ResponseEntity<ProblemDetail> invalid(List<FieldViolation> violations) {
        String fields = String.join(", ", violations.stream().map(FieldViolation::field).distinct().toList());
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST,
                "The request is not valid; see errors for each field: " + fields);
        response.getBody().setProperty("errors", violations.stream().map(FieldError::of).toList());
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static JacksonException jacksonCause(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }
}
