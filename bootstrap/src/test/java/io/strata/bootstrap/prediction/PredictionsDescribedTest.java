package io.strata.bootstrap.prediction;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 7 read from outside (session 60): the API's description (/v3/api-docs) says what the three predictions
 * endpoints answer, as the contract and docs/predictions.md say they do: 404 for an unknown run, 409 for a run not
 * completed, 400 for a back-test's hold-out outside 1 to 520 weeks, status FITTED or NOT_FITTED, time unit WEEK, and the
 * reason, models and log-likelihood null when not fitted ("the model objects are absent or null when not fitted"). Each
 * documented answer is also asked for here, so the description cannot say what the endpoints do not do. Until session 60
 * the description listed 200 alone.
 */
class PredictionsDescribedTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUNS = "/api/v1/segmentation-runs/{runId}";

    @Test
    void theDescriptionSaysWhatThePredictionsEndpointsAnswer() throws Exception {
        emptyDatabase();
        assertThat(post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\no1,c1,2024-01-01,10\n")
                .statusCode()).isEqualTo(200);
        long segmentation = CdnowPredictionsTest.number(post("/api/v1/segmentations", "application/json",
                "{\"name\":\"Value\",\"template\":\"rfm-classic\"}").body(), "id");
        post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        long completed = CdnowPredictionsTest.number(run.body(), "runId");
        long failed = jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status, error) select segmentation_id, as_of,"
                + " 'FAILED', 'planted' from segmentation_runs where run_id = ? returning run_id").param(completed).query(Long.class).single();
        JsonNode paths;
        JsonNode schemas;
        try {
            JsonNode api = JSON.readTree(get("/v3/api-docs").body());
            paths = api.path("paths");
            schemas = api.path("components").path("schemas");

            Map<String, String> endpoints = Map.of(RUNS + "/predictions", "/predictions",
                    RUNS + "/predictions/customers", "/predictions/customers",
                    RUNS + "/predictions/back-test", "/predictions/back-test?holdoutWeeks=4");
            for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                JsonNode responses = paths.path(endpoint.getKey()).path("get").path("responses");
                String path = endpoint.getValue();
                assertThat(status("/api/v1/segmentation-runs/" + completed + path)).as(path).isEqualTo(200);
                assertThat(responses.has("200")).as("%s: 200 described in %s", path, responses).isTrue();
                assertThat(status("/api/v1/segmentation-runs/999999" + path)).as(path).isEqualTo(404);
                assertThat(responses.path("404").path("description").asString()).as(path).isEqualTo("No such run");
                assertThat(status("/api/v1/segmentation-runs/" + failed + path)).as(path).isEqualTo(409);
                assertThat(responses.path("409").path("description").asString()).as(path)
                        .startsWith("The run has not completed (RUNNING or FAILED)");
            }
        } finally {
            jdbc.sql("delete from segmentation_runs where run_id = ?").param(failed).update();
        }

        // the back-test's hold-out: 1 to 520 weeks, anything else 400
        JsonNode backTest = paths.path(RUNS + "/predictions/back-test").path("get");
        for (String refused : List.of("0", "521", "-1", "x")) {
            assertThat(status("/api/v1/segmentation-runs/" + completed + "/predictions/back-test?holdoutWeeks=" + refused))
                    .as(refused).isEqualTo(400);
        }
        assertThat(status("/api/v1/segmentation-runs/" + completed + "/predictions/back-test?holdoutWeeks=520")).isEqualTo(200);
        assertThat(backTest.path("responses").has("400")).as(backTest.toString()).isTrue();
        JsonNode holdout = parameter(backTest, "holdoutWeeks").path("schema");
        assertThat(holdout.path("minimum").asInt()).as(holdout.toString()).isEqualTo(1);
        assertThat(holdout.path("maximum").asInt()).as(holdout.toString()).isEqualTo(520);

        // the body: the contract's values, and the models null when not fitted (this run: one buyer, NOT_FITTED)
        JsonNode body = schemas.path("PredictionsBody").path("properties");
        assertThat(values(body.path("status").path("enum"))).containsExactly("FITTED", "NOT_FITTED");
        assertThat(values(body.path("timeUnit").path("enum"))).containsExactly("WEEK");
        String summary = get("/api/v1/segmentation-runs/" + completed + "/predictions").body();
        assertThat(summary).contains("\"status\":\"NOT_FITTED\"").endsWith("\"bgNbd\":null,\"gammaGamma\":null,\"logLikelihood\":null}");
        for (String nullable : List.of("reason", "logLikelihood")) {
            assertThat(allowsNull(body.path(nullable))).as("%s may be null: %s", nullable, body.path(nullable)).isTrue();
        }
        // the model objects: their schema or null (anyOf), never "type": "null" beside a $ref (springdoc's rendering of
        // nullable, which says they are always null), and the description says when they are null
        for (String model : List.of("bgNbd", "gammaGamma")) {
            JsonNode property = body.path(model);
            List<String> references = new ArrayList<>();
            property.path("anyOf").forEach(option -> references.add(option.path("$ref").asString("")));
            assertThat(references).as(property.toString()).contains("#/components/schemas/" + (model.equals("bgNbd") ? "BgNbdBody" : "GammaGammaBody"));
            assertThat(allowsNull(property)).as("%s may be null: %s", model, property).isTrue();
            assertThat(property.has("type")).as("%s: no type beside the options: %s", model, property).isFalse();
            assertThat(property.path("description").asString()).as(property.toString()).endsWith("null when NOT_FITTED");
        }
        for (String always : List.of("status", "timeUnit", "customers", "repeatBuyers")) {
            assertThat(allowsNull(body.path(always))).as("%s is never null: %s", always, body.path(always)).isFalse();
        }
    }

    /**
     * Every error answer the description lists (4xx, 5xx: 21 of them in session 60) is problem+json, as the API answers
     * them; springdoc gave an answer without content the success answer's body, so a 404 read as a {@code
     * PredictionsBody} or as CSV.
     */
    @Test
    void everyErrorAnswerIsDescribedAsProblemJson() throws Exception {
        JsonNode api = JSON.readTree(get("/v3/api-docs").body());
        int errors = 0;
        for (var path : api.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                for (var answer : operation.getValue().path("responses").properties()) {
                    if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                        errors++;
                        JsonNode content = answer.getValue().path("content");
                        String where = operation.getKey() + " " + path.getKey() + " " + answer.getKey() + ": " + content;
                        assertThat(content.propertyNames()).as(where).containsExactly("application/problem+json");
                        assertThat(content.path("application/problem+json").path("schema").path("$ref").asString()).as(where)
                                .isEqualTo("#/components/schemas/ProblemDetail");
                    }
                }
            }
        }
        assertThat(errors).as("error answers described").isGreaterThanOrEqualTo(20);
        assertThat(api.path("components").path("schemas").path("ProblemDetail").path("properties").propertyNames())
                .contains("title", "status", "detail", "instance");
        HttpResponse<String> unknown = get("/api/v1/segmentation-runs/999999/predictions");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (name.equals(p.path("name").asString())) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    /** OpenAPI 3.1: "null" among the types, directly or in a oneOf / anyOf beside a reference. */
    private static boolean allowsNull(JsonNode property) {
        for (JsonNode type : property.path("type").isArray() ? property.path("type") : JSON.createArrayNode().add(property.path("type"))) {
            if ("null".equals(type.asString())) {
                return true;
            }
        }
        for (String combined : List.of("oneOf", "anyOf")) {
            for (JsonNode option : property.path(combined)) {
                if (allowsNull(option)) {
                    return true;
                }
            }
        }
        return property.path("nullable").asBoolean(false);
    }
}
