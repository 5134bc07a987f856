package io.mailgw.config.web;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Spring MVC logs each request body it reads at DEBUG ({@code Read "application/json" to [...]}),
 * printed by its {@code toString()}: for a mailbox, a user or an import, a password. The API reads
 * its bodies as JSON trees, so this advice hands the controllers the same tree in a form that
 * prints its field names only, whatever the logging configuration. Nothing else changes: the
 * controllers read the values as before.
 */
@ControllerAdvice
class RedactedRequestBodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
            Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof ObjectNode object) {
            return new FieldNamesOnly(object);
        }
        if (body instanceof ArrayNode array) {
            return new SizeOnly(array);
        }
        return body;
    }

    /** A JSON object that prints as the names of its fields, never their values. */
    static final class FieldNamesOnly extends ObjectNode {

        FieldNamesOnly(ObjectNode object) {
            super(JsonNodeFactory.instance, childrenOf(object));
        }

        private static Map<String, JsonNode> childrenOf(ObjectNode object) {
            Map<String, JsonNode> children = new LinkedHashMap<>();
            object.properties().forEach(property -> children.put(property.getKey(), property.getValue()));
            return children;
        }

        @Override
        public String toString() {
            return "a JSON object with the fields " + propertyNames() + " (values not logged)";
        }

        @Override
        public String toPrettyString() {
            return toString();
        }
    }

    /** A JSON array that prints as its size, never its elements. */
    static final class SizeOnly extends ArrayNode {

        SizeOnly(ArrayNode array) {
            super(JsonNodeFactory.instance, elementsOf(array));
        }

        private static List<JsonNode> elementsOf(ArrayNode array) {
            List<JsonNode> elements = new ArrayList<>();
            array.values().forEach(elements::add);
            return elements;
        }

        @Override
        public String toString() {
            return "a JSON array of " + size() + " element(s) (not logged)";
        }

        @Override
        public String toPrettyString() {
            return toString();
        }
    }
}
