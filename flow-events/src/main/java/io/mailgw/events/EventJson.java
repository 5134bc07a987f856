package io.mailgw.events;

import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of the gateway's events: ISO-8601 instants, nulls written out as the
 * contract shows them, unknown fields ignored so that a newer producer does not break an older
 * consumer.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
            .build();

    private EventJson() {
    }

    public static String write(Object event) {
        return MAPPER.writeValueAsString(event);
    }

    /**
     * Reads one event.
     *
     * @throws EventJsonException naming the field when the text is not JSON or not of the type
     */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new EventJsonException("$", "the record value is empty, expected a JSON object", null);
        }
        try {
            return MAPPER.readValue(json, type);
        }
        catch (DatabindException ex) {
            String field = fieldOf(ex);
            throw new EventJsonException(field, "invalid value at " + field + ": " + ex.getOriginalMessage(), ex);
        }
        catch (JacksonException ex) {
            throw new EventJsonException("$", "not valid JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String fieldOf(DatabindException ex) {
        if (ex.getPath().isEmpty()) {
            return "$";
        }
        return ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
