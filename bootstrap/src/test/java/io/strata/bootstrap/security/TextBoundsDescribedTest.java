package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description states the bound in characters of each free text of a request body that the server enforces
 * (session 61): {@code maxLength}, and a description that says it counts characters (Unicode code points). Oracles: the
 * bounds written out here, as docs/security.md's "Bounds of free text" gives them; each schema is found from the
 * operation's request body, as a client reads it.
 */
class TextBoundsDescribedTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An operation, the field of its request body (an action's content: {@code actions[].content}) and its bound. */
    private record Bound(String method, String path, String field, int maxLength) {
    }

    private static final List<Bound> BOUNDS = List.of(
            new Bound("post", "/api/v1/segmentations", "name", 200),
            new Bound("put", "/api/v1/segmentations/{id}", "name", 200),
            new Bound("post", "/api/v1/tactical-segments", "name", 200),
            new Bound("post", "/api/v1/tactical-segments", "hypothesis", 2000),
            new Bound("post", "/api/v1/tactical-segments", "rule", 10_000),
            new Bound("post", "/api/v1/tactical-segments/preview", "rule", 10_000),
            new Bound("post", "/api/v1/campaigns", "name", 200),
            new Bound("post", "/api/v1/campaigns", "objective", 500),
            new Bound("post", "/api/v1/campaigns", "actions[].content", 2000),
            new Bound("post", "/api/v1/campaigns", "tacticalActions[].content", 2000),
            new Bound("put", "/api/v1/campaigns/{id}", "name", 200),
            new Bound("put", "/api/v1/campaigns/{id}", "objective", 500),
            new Bound("post", "/api/v1/campaigns/{id}/cancel", "reason", 500),
            new Bound("post", "/api/v1/campaigns/{id}/always-on/stop", "reason", 500),
            new Bound("post", "/api/v1/tokens", "name", 100),
            new Bound("post", "/api/v1/destinations", "url", 2000),
            new Bound("put", "/api/v1/destinations/{name}", "url", 2000));

    @Test
    void theOpenApiDescriptionStatesEachBoundInCharacters() throws Exception {
        JsonNode api = JSON.readTree(get("/v3/api-docs").body());
        for (Bound bound : BOUNDS) {
            String where = bound.method() + " " + bound.path() + " " + bound.field();
            JsonNode content = api.path("paths").path(bound.path()).path(bound.method()).path("requestBody").path("content");
            assertThat(content.isObject()).as(where).isTrue();
            JsonNode schema = resolve(api, content.properties().iterator().next().getValue().path("schema"));
            for (String part : bound.field().split("\\.")) {
                boolean list = part.endsWith("[]");
                schema = resolve(api, schema.path("properties").path(list ? part.substring(0, part.length() - 2) : part));
                if (list) {
                    schema = resolve(api, schema.path("items"));
                }
            }
            assertThat(schema.path("maxLength").isNumber()).as(where + ": " + schema).isTrue();
            assertThat(schema.path("maxLength").asInt()).as(where).isEqualTo(bound.maxLength());
            assertThat(schema.path("description").asString()).as(where)
                    .contains("at most " + bound.maxLength() + " characters (Unicode code points");
        }
    }

    /** The schema itself, or the component its {@code $ref} names. */
    private static JsonNode resolve(JsonNode api, JsonNode schema) {
        String ref = schema.has("$ref") ? schema.get("$ref").asString() : "";
        return ref.startsWith("#/components/schemas/") ? api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())) : schema;
    }
}
