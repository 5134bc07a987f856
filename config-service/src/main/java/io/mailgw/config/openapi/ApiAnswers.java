package io.mailgw.config.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The answers as the controllers give them, which springdoc cannot see through
 * {@code ResponseEntity}: 201 for a create, 204 for a delete, and an RFC 9457 problem detail for
 * every failure. Drops the schemas nothing refers to any more (the JSON-tree bodies and the views
 * that {@link ApiBodies} replaced).
 */
final class ApiAnswers {

    static final String PROBLEM = "Problem";

    private static final Set<String> CREATED_BY_POST = Set.of("/api/v1/mailboxes", "/api/v1/contracts",
            "/api/v1/users");
    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([^\"]+)\"");

    private ApiAnswers() {
    }

    static void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    answer(path, method, operation)));
        }
        dropUnreferencedSchemas(openApi);
    }

    private static void answer(String path, HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (method == HttpMethod.POST && CREATED_BY_POST.contains(path)) {
            rename(responses, "200", "201", "Created; Location names the new document");
        }
        if (method == HttpMethod.DELETE) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Deleted"));
        }
        responses.addApiResponse("default", new ApiResponse()
                .description("An RFC 9457 problem detail: 400 with errors naming each field, 401 without a valid "
                        + "login, 403 for a role that may not, 404, 409 for a taken id or a document still in use")
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        operation.setResponses(responses);
    }

    private static void rename(ApiResponses responses, String from, String to, String description) {
        ApiResponse response = responses.remove(from);
        if (response != null) {
            responses.addApiResponse(to, response.description(description));
        }
    }

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().example("mailboxes[2].port"))
                .addProperty("message", new StringSchema().example("required, 1 to 65535"))
                .addProperty("code", new StringSchema().description("stable name of the rule").example("port.range"));
        return new ObjectSchema().description("RFC 9457 problem detail (application/problem+json)")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(error).description("one entry per field at fault"));
    }

    /** Keeps only the component schemas that an operation refers to, directly or through other schemas. */
    private static void dropUnreferencedSchemas(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (schemas == null || openApi.getPaths() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(referencesIn(openApi.getPaths()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (used.add(name) && schemas.containsKey(name)) {
                pending.addAll(referencesIn(schemas.get(name)));
            }
        }
        schemas.keySet().retainAll(used);
    }

    private static List<String> referencesIn(Object part) {
        try {
            Matcher matcher = SCHEMA_REF.matcher(Json.mapper().writeValueAsString(part));
            return matcher.results().map(result -> result.group(1)).toList();
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("The OpenAPI description could not be written as JSON", ex);
        }
    }
}
