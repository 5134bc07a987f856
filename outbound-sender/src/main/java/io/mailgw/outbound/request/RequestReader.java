package io.mailgw.outbound.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.mailgw.events.EventJson;
import io.mailgw.events.EventJsonException;
import io.mailgw.events.SendMailRequestValidator;
import io.mailgw.events.SendMailRequested;
import io.mailgw.events.Violation;
import io.mailgw.outbound.OutboundProperties;

import org.springframework.stereotype.Component;

/**
 * Reads a record value as a {@code SendMailRequested} and checks it against CONTRACT §3 with the
 * configured limits. From a record that fails, it recovers what it can to answer with a
 * {@code REJECTED} status: the request id, contract and context.
 */
@Component
public class RequestReader {

    static final String INVALID_JSON = "INVALID_JSON";
    static final String INVALID_REQUEST = "INVALID_REQUEST";

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_MESSAGE_LENGTH = 1000;

    private final SendMailRequestValidator validator;

    RequestReader(OutboundProperties properties) {
        this.validator = new SendMailRequestValidator(properties.limits());
    }

    public RequestReading read(String value) {
        SendMailRequested request;
        try {
            request = EventJson.read(value, SendMailRequested.class);
        }
        catch (EventJsonException ex) {
            String code = "$".equals(ex.field()) ? INVALID_JSON : INVALID_REQUEST;
            return recoverFrom(value, code, shorten(ex.getMessage()));
        }
        List<Violation> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            return new RequestReading.Unreadable(validId(request.requestId()), request.contractId(), request.context(),
                    INVALID_REQUEST, shorten(message));
        }
        return new RequestReading.Readable(request);
    }

    private static RequestReading.Unreadable recoverFrom(String value, String code, String message) {
        Map<?, ?> fields;
        try {
            fields = EventJson.read(value, Map.class);
        }
        catch (EventJsonException notAnObject) {
            return new RequestReading.Unreadable(null, null, Map.of(), code, message);
        }
        Object contractId = fields.get("contractId");
        return new RequestReading.Unreadable(validId(fields.get("requestId")),
                contractId instanceof String text ? text : null, stringsOf(fields.get("context")), code, message);
    }

    private static String validId(Object requestId) {
        return requestId instanceof String id && REQUEST_ID.matcher(id).matches() ? id : null;
    }

    private static Map<String, String> stringsOf(Object context) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (context instanceof Map<?, ?> map) {
            map.forEach((key, val) -> {
                if (key instanceof String k && val instanceof String v) {
                    strings.put(k, v);
                }
            });
        }
        return strings;
    }

    private static String shorten(String message) {
        String flat = message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return flat.length() > MAX_MESSAGE_LENGTH ? flat.substring(0, MAX_MESSAGE_LENGTH) + "…" : flat;
    }
}
