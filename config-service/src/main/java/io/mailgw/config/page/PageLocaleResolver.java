package io.mailgw.config.page;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The page's language: Spanish or English, nothing else. A choice made with {@code ?lang=es|en}
 * is remembered in the cookie {@value #COOKIE}; until then the browser's Accept-Language decides,
 * and a browser that asks for neither gets English.
 */
class PageLocaleResolver extends CookieLocaleResolver {

    static final String COOKIE = "mailgw-lang";
    static final Locale SPANISH = Locale.forLanguageTag("es");
    static final List<Locale> SUPPORTED = List.of(SPANISH, Locale.ENGLISH);

    PageLocaleResolver() {
        super(COOKIE);
        setDefaultLocaleFunction(PageLocaleResolver::fromAcceptLanguage);
        setCookieHttpOnly(true);
        setCookieSameSite("Lax");
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        super.setLocale(request, response, locale == null ? null : supported(locale));
    }

    /** The supported language of {@code locale}, English when it is neither. */
    static Locale supported(Locale locale) {
        return SUPPORTED.stream().filter(candidate -> candidate.getLanguage().equals(locale.getLanguage()))
                .findFirst().orElse(Locale.ENGLISH);
    }

    private static Locale fromAcceptLanguage(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best != null ? best : Locale.ENGLISH;
        }
        catch (IllegalArgumentException ex) {
            return Locale.ENGLISH;
        }
    }
}
