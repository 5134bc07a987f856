package io.mailgw.config.page;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.mailgw.config.web.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page shows (who is signed in, whether they may change anything, the language), and
 * the page's answer to a document that is gone or was changed meanwhile: a page in words, where
 * the API answers with a problem detail. Ordered first, so that it wins over the API's handlers for
 * the page's controllers.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageModel {

    static final String ADMIN_ROLE = "ADMIN";

    @ModelAttribute
    void common(Model model, HttpServletRequest request, Principal user, Locale locale) {
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("canEdit", request.isUserInRole(ADMIN_ROLE));
        model.addAttribute("language", PageLocaleResolver.supported(locale).getLanguage());
        model.addAttribute("languageLinks", languageLinks(request));
    }

    /**
     * The current page in each language: the same address with another {@code lang}; after a
     * form was posted, the mailbox list.
     */
    private static Map<String, String> languageLinks(HttpServletRequest request) {
        boolean get = "GET".equals(request.getMethod());
        Map<String, String> links = new LinkedHashMap<>();
        for (Locale language : PageLocaleResolver.SUPPORTED) {
            UriComponentsBuilder link = get
                    ? UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    : UriComponentsBuilder.fromPath("/");
            links.put(language.getLanguage(), link.replaceQueryParam(PageWebConfiguration.LANGUAGE_PARAMETER,
                    language.getLanguage()).build().toUriString());
        }
        return links;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(Model model, HttpServletRequest request, HttpServletResponse response, Principal user,
            Locale locale) {
        return problem(HttpServletResponse.SC_NOT_FOUND, "problem.notFound", model, request, response, user, locale);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    String changedMeanwhile(Model model, HttpServletRequest request, HttpServletResponse response, Principal user,
            Locale locale) {
        return problem(HttpServletResponse.SC_CONFLICT, "problem.changedMeanwhile", model, request, response, user,
                locale);
    }

    private String problem(int status, String messageCode, Model model, HttpServletRequest request,
            HttpServletResponse response, Principal user, Locale locale) {
        common(model, request, user, locale);
        response.setStatus(status);
        model.addAttribute("problem", messageCode);
        return "problem";
    }
}
