package io.mailgw.config.page;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The form login's page, in the page's language; Spring Security takes the POST. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
