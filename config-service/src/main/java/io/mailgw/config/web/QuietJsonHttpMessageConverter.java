package io.mailgw.config.web;

import java.io.IOException;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * The JSON converter of the service, which reads as Spring's does but fails without quoting the
 * body: Jackson's message names the offending token ({@code Unrecognized token 's3cret'}), and
 * Spring MVC logs the failure's message at DEBUG (resolving the argument, resolving the exception).
 * The Jackson exception stays the cause, so that the API still says where the body stops being
 * JSON ({@link MalformedJson}); no logger prints a cause's message without its stack trace.
 */
final class QuietJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

    static final String NOT_JSON = "The request body is not valid JSON (the parser's own words are left out: they "
            + "quote the body, which may hold a password)";

    QuietJsonHttpMessageConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage inputMessage, Map<String, Object> hints)
            throws IOException {
        try {
            return super.read(type, inputMessage, hints);
        }
        catch (HttpMessageNotReadableException ex) {
            throw quiet(ex, inputMessage);
        }
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage inputMessage) throws IOException {
        try {
            return super.readInternal(type, inputMessage);
        }
        catch (HttpMessageNotReadableException ex) {
            throw quiet(ex, inputMessage);
        }
    }

    private static HttpMessageNotReadableException quiet(HttpMessageNotReadableException ex,
            HttpInputMessage inputMessage) {
        return new HttpMessageNotReadableException(NOT_JSON, ex.getCause(), inputMessage);
    }
}
