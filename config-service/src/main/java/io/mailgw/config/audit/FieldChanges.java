package io.mailgw.config.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * The names of the fields a change touched, worked out from a document's API view before and
 * after, as JSON trees. The fields every save changes ({@code id}, {@code createdAt},
 * {@code updatedAt}) and {@code passwordSet} are left out; the password itself is never in a
 * view, so whether it changed is told by the caller and shows as the field {@code password}, in
 * the place of {@code passwordSet} when the view has one.
 */
final class FieldChanges {

    static final String PASSWORD = "password";

    private static final String PASSWORD_SET = "passwordSet";
    private static final Set<String> IGNORED = Set.of("id", "createdAt", "updatedAt", "version");

    private FieldChanges() {
    }

    /** The fields a new document has a value in. */
    static List<String> set(JsonNode after, boolean passwordGiven) {
        return collect(namesOf(null, after), name -> !isAbsent(after.get(name)), passwordGiven);
    }

    /** The fields whose values differ between the two views (an absent field reads as {@code null}). */
    static List<String> changed(JsonNode before, JsonNode after, boolean passwordGiven) {
        return collect(namesOf(before, after),
                name -> !Objects.equals(valueOf(before.get(name)), valueOf(after.get(name))), passwordGiven);
    }

    private static List<String> collect(Set<String> names, Predicate<String> touched,
            boolean passwordGiven) {
        List<String> fields = new ArrayList<>();
        for (String name : names) {
            if (PASSWORD_SET.equals(name)) {
                if (passwordGiven) {
                    fields.add(PASSWORD);
                }
            }
            else if (!IGNORED.contains(name) && touched.test(name)) {
                fields.add(name);
            }
        }
        if (passwordGiven && !fields.contains(PASSWORD)) {
            fields.add(PASSWORD);
        }
        return fields;
    }

    private static Set<String> namesOf(JsonNode before, JsonNode after) {
        Set<String> names = new LinkedHashSet<>();
        if (before != null) {
            names.addAll(before.propertyNames());
        }
        names.addAll(after.propertyNames());
        return names;
    }

    private static JsonNode valueOf(JsonNode node) {
        return isAbsent(node) ? null : node;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
