package io.mailgw.config.page;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The page's language switch: {@code ?lang=es} or {@code ?lang=en} on any page, remembered in a cookie. */
@Configuration(proxyBeanMethods = false)
class PageWebConfiguration implements WebMvcConfigurer {

    static final String LANGUAGE_PARAMETER = "lang";

    /** Named so that it replaces Boot's Accept-Language-only resolver. */
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName(LANGUAGE_PARAMETER);
        languageSwitch.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languageSwitch).excludePathPatterns("/api/**", "/actuator/**");
    }
}
