package io.mailgw.config.page;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error dispatch answered in words for a browser (one that asks for HTML): a refused form post
 * (a missing CSRF token, a VIEWER who tries to change something), a page that does not exist.
 * Everyone else still gets the problem detail of {@code ProblemErrorController}.
 */
@Controller
class PageErrorView {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.TEXT_HTML_VALUE)
    String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && code >= 400 ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        response.setStatus(status);
        model.addAttribute("problem", switch (status) {
            case HttpServletResponse.SC_FORBIDDEN -> "problem.forbidden";
            case HttpServletResponse.SC_NOT_FOUND -> "problem.notFound";
            default -> "problem.other";
        });
        return "problem";
    }
}
