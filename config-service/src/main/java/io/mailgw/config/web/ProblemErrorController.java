package io.mailgw.config.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (failures outside Spring MVC, such as in a
 * filter) with a problem detail too, instead of Boot's default JSON; never with the exception's
 * message or stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailOf(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            problem.setInstance(pathOrNull(path));
        }
        return ResponseEntity.status(status).body(problem);
    }

    private static URI pathOrNull(String path) {
        try {
            return URI.create(path);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detailOf(HttpStatus status) {
        return status.is5xxServerError()
                ? "Unexpected error; the server log has the details"
                : status.getReasonPhrase();
    }
}
