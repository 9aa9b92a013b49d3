package io.strata.adapters.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI description names its server as a relative URL: springdoc would otherwise build it from the request's
 * Host header, so a forged Host would come back in {@code /v3/api-docs}, and behind a proxy the URL would be wrong.
 * <p>
 * Two things springdoc cannot be told by annotations are set here: every error answer (4xx, 5xx) is
 * {@code application/problem+json} (springdoc gives an {@code @ApiResponse} without content the success answer's body
 * and media type, so a 404 read as a {@code PredictionsBody} or a CSV); and an object property that may be null is
 * {@code anyOf: [its $ref, {"type": "null"}]} ({@code nullable} beside a {@code $ref} comes out as {@code "type": "null"},
 * which OpenAPI 3.1 reads as "always null").
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(servers = @Server(url = "/", description = "the server that serves this description"))
class ApiDescription {

    static final String PROBLEM = "application/problem+json";

    /** Object properties written as null in some answers: schema → properties (the contract's NOT_FITTED models). */
    private static final Map<String, List<String>> NULLABLE_OBJECTS = Map.of("PredictionsBody", List.of("bgNbd", "gammaGamma"));

    @Bean
    OpenApiCustomizer problemAnswersAndNullableObjects() {
        return api -> {
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.setComponents(components);
            if (components.getSchemas() == null || !components.getSchemas().containsKey("ProblemDetail")) {
                ModelConverters.getInstance().read(ProblemDetail.class).forEach(components::addSchemas);
            }
            errorAnswersAsProblems(api);
            NULLABLE_OBJECTS.forEach((schema, properties) -> nullableObjects(components, schema, properties));
        };
    }

    private static void errorAnswersAsProblems(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            for (Map.Entry<String, ApiResponse> answer : operation.getResponses().entrySet()) {
                if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                    answer.getValue().setContent(new Content().addMediaType(PROBLEM,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
                }
            }
        }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullableObjects(Components components, String schemaName, List<String> names) {
        Schema schema = components.getSchemas() == null ? null : components.getSchemas().get(schemaName);
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        for (String name : names) {
            Schema property = properties.get(name);
            if (property == null || property.get$ref() == null) {
                continue;
            }
            Schema orNull = new Schema<>().anyOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null"))));
            orNull.setDescription(property.getDescription());
            properties.put(name, orNull);
        }
        schema.setProperties(properties);
    }
}
