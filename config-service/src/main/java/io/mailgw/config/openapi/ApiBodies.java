package io.mailgw.config.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Puts the shapes of {@link DocumentedSchemas} on the operations whose bodies the controllers read
 * as plain JSON trees (and on their answers), so that the description shows each document's fields,
 * the password as write-only, and {@code passwordSet} as read-only.
 */
final class ApiBodies implements OpenApiCustomizer {

    private static final Map<String, Class<?>> SHAPE_BY_PATH = Map.ofEntries(
            Map.entry("/api/v1/mailboxes", DocumentedSchemas.Mailbox.class),
            Map.entry("/api/v1/mailboxes/{id}", DocumentedSchemas.Mailbox.class),
            Map.entry("/api/v1/contracts", DocumentedSchemas.Contract.class),
            Map.entry("/api/v1/contracts/{id}", DocumentedSchemas.Contract.class),
            Map.entry("/api/v1/settings", DocumentedSchemas.Settings.class),
            Map.entry("/api/v1/users", DocumentedSchemas.User.class),
            Map.entry("/api/v1/users/{name}", DocumentedSchemas.User.class),
            Map.entry("/api/v1/export", DocumentedSchemas.Configuration.class),
            Map.entry("/api/v1/import", DocumentedSchemas.Configuration.class));

    private static final List<String> ANSWERS_WITH_DOCUMENT = List.of("200", "201");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        ModelConverters converters = ModelConverters.getInstance(openApi.getSpecVersion() == SpecVersion.V31);
        SHAPE_BY_PATH.values().stream().distinct().forEach(type -> converters
                .readAll(new AnnotatedType(type)).forEach(openApi.getComponents()::addSchemas));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            Class<?> shape = SHAPE_BY_PATH.get(path);
            if (shape != null) {
                document(item, "#/components/schemas/" + schemaName(shape));
            }
        });
    }

    private static void document(PathItem item, String ref) {
        for (Operation operation : item.readOperations()) {
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().setContent(json(new Schema<>().$ref(ref)));
                operation.getRequestBody().setRequired(true);
            }
            if (operation.getResponses() == null) {
                continue;
            }
            for (String code : ANSWERS_WITH_DOCUMENT) {
                ApiResponse response = operation.getResponses().get(code);
                if (response != null && response.getContent() != null) {
                    response.setContent(json(isList(response.getContent())
                            ? new ArraySchema().items(new Schema<>().$ref(ref)) : new Schema<>().$ref(ref)));
                }
            }
        }
    }

    private static boolean isList(Content content) {
        return content.values().stream().map(MediaType::getSchema)
                .anyMatch(schema -> schema != null && ("array".equals(schema.getType())
                        || schema.getTypes() != null && schema.getTypes().contains("array")));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                new MediaType().schema(schema));
    }

    private static String schemaName(Class<?> shape) {
        io.swagger.v3.oas.annotations.media.Schema annotation =
                shape.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : shape.getSimpleName();
    }
}
