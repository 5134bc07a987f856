package io.mailgw.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running service over a real socket, as an outside client would, and keeps every raw
 * response body it received so that a test can search them all.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String authorization;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    private ApiClient(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    public static ApiClient as(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient(port, "Basic " + token);
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null);
    }

    public Response get(String path) {
        return send("GET", path, BodyPublishers.noBody(), null);
    }

    public Response post(String path, String json) {
        return send("POST", path, BodyPublishers.ofString(json), "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, BodyPublishers.ofString(json), "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody(), null);
    }

    public Response send(String method, String path, BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofString());
            bodies.add(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(method + " " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", ex);
        }
    }

    /** Every response body received so far, raw. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** One HTTP response, its body raw and parsed on demand. */
    public record Response(int status, String contentType, String location, String wwwAuthenticate, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The {@code field} of each entry of a problem's {@code errors}. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
            return fields;
        }

        /** The message of the first error on {@code field}, or {@code null}. */
        public String errorMessage(String field) {
            for (JsonNode error : json().path("errors")) {
                if (field.equals(error.path("field").asString())) {
                    return error.path("message").asString();
                }
            }
            return null;
        }
    }
}
