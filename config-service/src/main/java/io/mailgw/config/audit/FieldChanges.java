package io.mailgw.config.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * The names of the fields a change touched, worked out from a document's API view before and
 * after, as JSON trees; a field of a nested object is named with its path ({@code auth.clientId}).
 * The fields every save changes ({@code id}, {@code createdAt}, {@code updatedAt}) and the flags
 * that say a secret is set ({@code passwordSet}, {@code auth.clientSecretSet}, ...) are left out:
 * secrets are never in a view, so which ones were given is told by the caller and shows as their
 * names ({@code password}, {@code auth.clientSecret}) in the place of their flags, without comparing
 * what cannot be read.
 */
final class FieldChanges {

    static final String PASSWORD = "password";

    private static final Set<String> IGNORED = Set.of("id", "createdAt", "updatedAt", "version");
    private static final String SECRET_SET_FLAG = "Set";

    private FieldChanges() {
    }

    /** The fields a new document has a value in, and the secrets given. */
    static List<String> set(JsonNode after, Collection<String> secretsGiven) {
        Map<String, JsonNode> values = leaves(after);
        return collect(values.keySet(), name -> values.get(name) != null, secretsGiven);
    }

    /**
     * The fields whose values differ between the two views (an absent field reads as {@code null}),
     * and the secrets given.
     */
    static List<String> changed(JsonNode before, JsonNode after, Collection<String> secretsGiven) {
        Map<String, JsonNode> was = leaves(before);
        Map<String, JsonNode> now = leaves(after);
        Set<String> names = new LinkedHashSet<>(was.keySet());
        names.addAll(now.keySet());
        return collect(names, name -> !Objects.equals(was.get(name), now.get(name)), secretsGiven);
    }

    private static List<String> collect(Collection<String> names, Predicate<String> touched,
            Collection<String> secretsGiven) {
        List<String> fields = new ArrayList<>();
        for (String name : names) {
            if (isSecretFlag(name)) {
                String secret = name.substring(0, name.length() - SECRET_SET_FLAG.length());
                if (secretsGiven.contains(secret)) {
                    fields.add(secret);
                }
            }
            else if (!IGNORED.contains(name) && touched.test(name)) {
                fields.add(name);
            }
        }
        secretsGiven.stream().filter(secret -> !fields.contains(secret)).forEach(fields::add);
        return fields;
    }

    /** Every leaf of the view by its path, an absent or {@code null} value as {@code null}. */
    private static Map<String, JsonNode> leaves(JsonNode view) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        for (String name : view.propertyNames()) {
            JsonNode value = view.get(name);
            if (value.isObject()) {
                for (String nested : value.propertyNames()) {
                    leaves.put(name + "." + nested, valueOf(value.get(nested)));
                }
            }
            else {
                leaves.put(name, valueOf(value));
            }
        }
        return leaves;
    }

    private static boolean isSecretFlag(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.endsWith(SECRET_SET_FLAG) && last.length() > SECRET_SET_FLAG.length();
    }

    private static JsonNode valueOf(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
