package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list endpoint of the API answers at most its documented maximum: a limit above it, zero, negative or not a
 * number is refused with a 400 problem naming the parameter and the range, never a 5xx and never a silently
 * shortened list.
 */
class ListLimitsTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Each list endpoint and its maximum. */
    private static final Map<String, Integer> LISTS = Map.of(
            "/api/v1/imports", 100,
            "/api/v1/segmentation-runs", 1000,
            "/api/v1/campaigns", 1000,
            "/api/v1/segmentations", 1000,
            "/api/v1/tactical-segments", 1000,
            "/api/v1/users", 1000,
            "/api/v1/tokens", 1000);

    @Test
    void aLimitAboveTheMaximumIsRefusedNamingTheParameterAndTheMaximum() throws Exception {
        for (var list : LISTS.entrySet()) {
            for (String limit : List.of("100000000", Integer.toString(list.getValue() + 1))) {
                HttpResponse<String> answer = get(list.getKey() + "?limit=" + limit);

                assertThat(answer.statusCode()).as(list.getKey() + "?limit=" + limit).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = JSON.readTree(answer.body());
                assertThat(problem.path("parameter").asString()).isEqualTo("limit");
                assertThat(problem.path("maximum").asInt()).as(list.getKey()).isEqualTo(list.getValue());
                assertThat(problem.path("detail").asString())
                        .isEqualTo("limit must be a whole number from 1 to " + list.getValue() + "; got '" + limit + "'; ask for 1 to "
                                + list.getValue() + " items");
            }
        }
    }

    @Test
    void aZeroNegativeOrNonNumericLimitIsA400NotA500() throws Exception {
        for (String path : LISTS.keySet()) {
            for (String limit : List.of("0", "-1", "-2147483648", "abc", "1.5", "99999999999999999999")) {
                HttpResponse<String> answer = get(path + "?limit=" + limit);

                assertThat(answer.statusCode()).as(path + "?limit=" + limit).isEqualTo(400);
                assertThat(JSON.readTree(answer.body()).path("parameter").asString()).isEqualTo("limit");
            }
        }
    }

    @Test
    void theMaximumItselfAndASmallLimitAreAnswered() throws Exception {
        post("/api/v1/segmentations", "application/json", "{\"name\":\"First\",\"template\":\"frequency-tiers\"}");
        post("/api/v1/segmentations", "application/json", "{\"name\":\"Second\",\"template\":\"frequency-tiers\"}");
        for (var list : LISTS.entrySet()) {
            HttpResponse<String> answer = get(list.getKey() + "?limit=" + list.getValue());
            assertThat(answer.statusCode()).as(list.getKey()).isEqualTo(200);
        }

        assertThat(JSON.readTree(get("/api/v1/segmentations?limit=1").body())).hasSize(1);
        assertThat(JSON.readTree(get("/api/v1/segmentations").body()).size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theAuditTrailsPageSizeAndPageAreBoundedAlike() throws Exception {
        for (String query : List.of("size=501", "size=0", "size=-1", "size=abc", "page=-1", "page=abc")) {
            HttpResponse<String> answer = get("/api/v1/audit?" + query);

            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/api/v1/audit?size=500").statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionStatesEachMaximum() throws Exception {
        JsonNode paths = JSON.readTree(get("/v3/api-docs").body()).path("paths");
        for (var list : LISTS.entrySet()) {
            JsonNode limit = null;
            for (JsonNode parameter : paths.path(list.getKey()).path("get").path("parameters")) {
                if (parameter.path("name").asString().equals("limit")) {
                    limit = parameter;
                }
            }
            assertThat(limit).as(list.getKey()).isNotNull();
            assertThat(limit.path("schema").path("maximum").asInt()).as(list.getKey()).isEqualTo(list.getValue());
            assertThat(limit.path("schema").path("minimum").asInt()).as(list.getKey()).isEqualTo(1);
        }
    }
}
