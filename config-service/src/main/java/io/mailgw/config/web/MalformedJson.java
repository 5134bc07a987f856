package io.mailgw.config.web;

import java.util.ArrayDeque;
import java.util.Deque;

import io.mailgw.model.FieldViolation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Says where a request body stops being JSON: the field being read ({@code host},
 * {@code to[1]}) and the line and column. Jackson's own message is left out on purpose, as it
 * quotes the offending text, which may be a password.
 */
final class MalformedJson {

    private MalformedJson() {
    }

    static FieldViolation describe(JacksonException ex) {
        String field = ex instanceof StreamReadException read && read.processor() != null
                ? pathOf(read.processor().streamReadContext()) : "$";
        TokenStreamLocation location = ex.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String after = "$".equals(field) ? "" : " (while reading field '" + field + "')";
        return FieldViolation.of(field, "json.malformed", "malformed JSON" + where + after);
    }

    static String pathOf(TokenStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                parts.addFirst("." + c.currentName());
            }
            else if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "$" : path.substring(path.startsWith(".") ? 1 : 0);
    }
}
