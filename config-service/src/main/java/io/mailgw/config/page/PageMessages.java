package io.mailgw.config.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mailgw.config.web.ConflictException.Reference;
import io.mailgw.model.FieldViolation;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says the API's findings in the page's language: a broken rule by its code
 * ({@code violation.<code>} in {@code messages_es/_en.properties}, with its arguments), and the
 * documents that keep one from being deleted. A rule without code, or with a code the bundles do
 * not know yet, shows its English message.
 */
@Component
class PageMessages {

    static final String VIOLATION_PREFIX = "violation.";

    private final MessageSource messages;

    PageMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** One message per field, in the order the rules were found. */
    Map<String, String> byField(List<FieldViolation> violations, Locale locale) {
        Map<String, String> byField = new LinkedHashMap<>();
        violations.forEach(violation -> byField.putIfAbsent(violation.field(), say(violation, locale)));
        return byField;
    }

    String say(FieldViolation violation, Locale locale) {
        if (violation.code() == null) {
            return violation.message();
        }
        return messages.getMessage(VIOLATION_PREFIX + violation.code(), violation.arguments().toArray(),
                violation.message(), locale);
    }

    /** The documents that still refer to the one at stake, as a sentence part: "contract 'xpto' (as its outbox)". */
    String references(List<Reference> references, Locale locale) {
        return String.join(", ", references.stream().map(reference -> messages.getMessage(
                "reference." + reference.kind(), new Object[] {reference.id()}, reference.kind() + " " + reference.id(),
                locale)).toList());
    }

    String text(String code, Locale locale, Object... arguments) {
        return messages.getMessage(code, arguments, locale);
    }

    /** The message {@code code}, or {@code fallback} when the bundles do not know it (yet). */
    String textOr(String code, String fallback, Locale locale) {
        return messages.getMessage(code, null, fallback, locale);
    }

    /** The form label of a field, or its JSON name when it has none. */
    String label(String field, Locale locale) {
        return messages.getMessage("field." + field, null, field, locale);
    }
}
