package io.mailgw.model;

import java.util.List;

/**
 * One rule a document breaks, naming its JSON field. {@code message} is the English sentence the
 * API answers with; {@code code} and {@code arguments} name the rule for a reader in another
 * language: the admin page looks the code up in its message bundles and fills in the arguments as
 * {@code {0}}, {@code {1}}, ...
 *
 * @param code      stable name of the broken rule, such as {@code mailbox.port.range}; {@code null}
 *                  for a rule without one, whose message is then all there is
 * @param arguments the values the message names (a length, a range), in order; never a field's value
 */
public record FieldViolation(String field, String message, String code, List<Object> arguments) {

    public FieldViolation {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /** A violation without code. */
    public FieldViolation(String field, String message) {
        this(field, message, null, List.of());
    }

    /** A violation of the rule {@code code}, with the English {@code message} and the values it names. */
    public static FieldViolation of(String field, String code, String message, Object... arguments) {
        return new FieldViolation(field, message, code, List.of(arguments));
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
