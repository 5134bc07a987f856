package io.mailgw.config.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the fields of a JSON object one by one, by the type each must have, and records a
 * violation naming the field instead of failing on the first. An absent field and a JSON
 * {@code null} both read as {@code null}. Values are never echoed back in messages (one of them
 * may be a password).
 */
public final class JsonFields {

    private final JsonNode object;
    private final Violations violations;
    private final String prefix;

    private JsonFields(JsonNode object, Violations violations, String prefix) {
        this.object = object;
        this.violations = violations;
        this.prefix = prefix;
    }

    /**
     * @throws InvalidRequestException when the body is not a JSON object
     */
    public static JsonFields of(JsonNode body, Violations violations) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("$", "the request body must be a JSON object");
        }
        return new JsonFields(body, violations, "");
    }

    /**
     * The fields of the object in {@code field}, their violations named {@code field.name}; an
     * absent or {@code null} field reads as an empty object.
     */
    public JsonFields object(String field) {
        JsonNode node = object.get(field);
        if (node != null && !node.isNull() && !node.isObject()) {
            violations.add(prefix + field, "json.object", "must be a JSON object");
            node = null;
        }
        JsonNode nested = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
        return new JsonFields(nested, violations, prefix + field + ".");
    }

    public Collection<String> names() {
        return object.propertyNames();
    }

    /** Whether the field is given with a value other than {@code null}. */
    public boolean isGiven(String field) {
        return object.hasNonNull(field);
    }

    /** Rejects, one by one, the fields that are none of {@code known}. */
    public void rejectUnknown(Set<String> known, String shape) {
        names().stream().filter(name -> !known.contains(name))
                .forEach(name -> violations.add(prefix + name, "json.unknown",
                        "unknown field: " + shape + " has no field of this name"));
    }

    public String text(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            violations.add(prefix + field, "json.string", "must be a string");
            return null;
        }
        return node.stringValue();
    }

    /** A string, or a JSON object given as it is (such as a key file pasted whole), as its JSON text. */
    public String textOrObject(String field) {
        JsonNode node = object.get(field);
        return node != null && node.isObject() ? node.toString() : text(field);
    }

    public Integer integer(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            violations.add(prefix + field, "json.integer", "must be a whole number");
            return null;
        }
        return node.intValue();
    }

    public Boolean bool(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            violations.add(prefix + field, "json.boolean", "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    /** An enum constant by its exact name. */
    public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
        String name = text(field);
        if (name == null) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        String names = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
        violations.add(prefix + field, "json.oneOf", "must be one of " + names, names);
        return null;
    }
}
