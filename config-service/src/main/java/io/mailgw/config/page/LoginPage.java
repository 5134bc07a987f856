package io.mailgw.config.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The form login's page, in the page's language; Spring Security takes the POST, and shows this
 * page with 429 while failed sign-ins from the same address for the same user must wait.
 */
@Controller
class LoginPage {

    /** Set by the security configuration's failure handler: seconds to wait. */
    private static final String RETRY_AFTER = "io.mailgw.config.security.LoginFailureHandler.retryAfter";

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @RequestMapping("/login/throttled")
    String throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object seconds = request.getAttribute(RETRY_AFTER);
        response.setStatus(429);
        model.addAttribute("retryAfter", seconds == null ? 60L : seconds);
        return "login";
    }
}
