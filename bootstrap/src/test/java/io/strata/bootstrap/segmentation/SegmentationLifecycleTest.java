package io.strata.bootstrap.segmentation;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentationLifecycleTest extends EndToEndTest {

    @BeforeEach
    void base() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,m1,2024-06-01,10
                b1,m2,2024-06-01,10
                b2,m2,2024-06-05,10
                b3,m2,2024-06-09,10
                """);
    }

    @Test
    void aDraftIsEditedInPlaceButADefinitionWithRunsGetsANewVersion() throws Exception {
        long id = create("frequency-tiers");

        HttpResponse<String> draftEdit = put("/api/v1/segmentations/" + id, "{\"goals\":{\"newcomers\":\"Second order within 30 days\"}}");
        assertThat(draftEdit.statusCode()).isEqualTo(200);
        assertThat(number(draftEdit.body(), "id")).isEqualTo(id);
        assertThat(draftEdit.body()).contains("Second order within 30 days");

        activate(id);
        run("2024-06-30");
        HttpResponse<String> usedEdit = put("/api/v1/segmentations/" + id, "{\"name\":\"Frequency v2\"}");

        assertThat(number(usedEdit.body(), "id")).isNotEqualTo(id);
        assertThat(usedEdit.body()).contains("\"version\":2").contains("\"status\":\"DRAFT\"").contains("Frequency v2");
        assertThat(get("/api/v1/segmentations/" + id).body()).contains("\"status\":\"ACTIVE\"").doesNotContain("Frequency v2");
    }

    @Test
    void activatingAnotherSegmentationKeepsTheOldOneAndItsRuns() throws Exception {
        long first = create("frequency-tiers");
        activate(first);
        long firstRun = run("2024-06-30");
        long second = create("rfm-classic");

        activate(second);

        assertThat(get("/api/v1/segmentations/" + first).body()).contains("\"status\":\"INACTIVE\"");
        assertThat(get("/api/v1/segmentations/" + second).body()).contains("\"status\":\"ACTIVE\"");
        assertThat(get("/api/v1/segmentation-runs/" + firstRun).body()).contains("\"status\":\"COMPLETED\"");
        long activeCount = jdbc.sql("select count(*) from segmentations where status = 'ACTIVE'").query(Long.class).single();
        assertThat(activeCount).isEqualTo(1);
    }

    @Test
    void theActiveSegmentationCannotBeRetired() throws Exception {
        long id = create("frequency-tiers");
        activate(id);

        HttpResponse<String> response = post("/api/v1/segmentations/" + id + "/retire", "application/json", "");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("activate another");
    }

    @Test
    void aSecondRunWhileOneIsRunningIsRefusedNamingTheRunningOne() throws Exception {
        long id = create("frequency-tiers");
        activate(id);
        long running = jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status) values (?, '2024-06-30', 'RUNNING') returning run_id")
                .param(id).query(Long.class).single();

        HttpResponse<String> response = post("/api/v1/segmentation-runs", "application/json", "{\"asOf\":\"2024-06-30\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("\"runningRunId\":" + running);
        jdbc.sql("update segmentation_runs set status = 'FAILED' where run_id = ?").param(running).update();
    }

    @Test
    void theMigrationMatrixCountsWhoMovedBetweenTwoRuns() throws Exception {
        long id = create("frequency-tiers");
        activate(id);
        long before = run("2024-06-30"); // m1 newcomers (1 order), m2 repeat (3 orders)
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a2,m1,2024-07-01,10
                a3,m1,2024-07-02,10
                c1,m3,2024-07-02,10
                """);
        long after = run("2024-07-05"); // m1 repeat (3 orders), m2 repeat, m3 new in this run: newcomers

        HttpResponse<String> migration = get("/api/v1/segmentation-runs/" + after + "/migration?from=" + before);

        assertThat(migration.statusCode()).isEqualTo(200);
        assertThat(migration.body())
                .contains("\"newcomers\":{\"prospects\":0,\"newcomers\":0,\"repeat\":1,\"loyal\":0}")
                .contains("\"repeat\":{\"prospects\":0,\"newcomers\":0,\"repeat\":1,\"loyal\":0}")
                .contains("\"newCustomers\":{\"prospects\":0,\"newcomers\":1,\"repeat\":0,\"loyal\":0}")
                .contains("\"movedUp\":1").contains("\"movedDown\":0").contains("\"stayed\":1");
    }

    @Test
    void aFullDefinitionDocumentCreatesACustomSegmentation() throws Exception {
        String document = """
                {"name": "Spend", "basis": {"type": "tiers", "metric": "MONETARY",
                   "split": {"type": "fixed", "tiers": [
                     {"segmentKey": "low", "from": null, "to": 25}, {"segmentKey": "high", "from": 25, "to": null}]},
                   "noPurchaseSegment": "none"},
                 "segments": [
                   {"key": "none", "name": "No purchase", "rank": 1, "description": "never bought", "goal": "first order"},
                   {"key": "low", "name": "Low spend", "rank": 2, "description": "under 25", "goal": "move to high"},
                   {"key": "high", "name": "High spend", "rank": 3, "description": "25 and more", "goal": "keep"}]}""";

        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Spend tiers\",\"definition\":" + document + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = number(created.body(), "id");
        activate(id);
        long run = run("2024-06-30");

        String csv = get("/api/v1/segmentation-runs/" + run + "/assignments").body();
        assertThat(csv).contains("m1,low,").contains("m2,high,");
        assertThat(get("/api/v1/segmentations/" + id).body()).contains("\"name\":\"Spend tiers\"").contains("\"type\":\"tiers\"");
    }

    @Test
    void aDraftsWholeDefinitionIsEditedInPlaceAndABrokenOneIsRefusedKeepingTheDraft() throws Exception {
        String spend = """
                {"name": "Spend", "basis": {"type": "tiers", "metric": "MONETARY",
                   "split": {"type": "fixed", "tiers": [
                     {"segmentKey": "low", "from": null, "to": %s}, {"segmentKey": "high", "from": %s, "to": null}]},
                   "noPurchaseSegment": "none"},
                 "segments": [
                   {"key": "none", "name": "No purchase", "rank": 1, "description": "", "goal": ""},
                   {"key": "low", "name": "Low spend", "rank": 2, "description": "", "goal": ""},
                   {"key": "high", "name": "High spend", "rank": 3, "description": "", "goal": ""}]}""";
        long id = number(post("/api/v1/segmentations", "application/json", "{\"definition\":" + spend.formatted(25, 25) + "}").body(), "id");

        HttpResponse<String> edited = put("/api/v1/segmentations/" + id, "{\"name\":\"Spend 40\",\"definition\":" + spend.formatted(40, 40) + "}");
        HttpResponse<String> broken = put("/api/v1/segmentations/" + id, "{\"definition\":" + spend.formatted(40, 50) + "}");
        activate(id);
        long run = run("2024-06-30");

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(number(edited.body(), "id")).as("a draft is edited in place").isEqualTo(id);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("monetary from 40 to below 50 is not covered");
        // m1 spent 10 and m2 30: with the boundary at 40 both are low (at 25, m2 would be high)
        String csv = get("/api/v1/segmentation-runs/" + run + "/assignments").body();
        assertThat(csv).contains("m1,low,").contains("m2,low,");
        assertThat(get("/api/v1/segmentations/" + id).body()).contains("\"name\":\"Spend 40\"");
    }

    /** Jackson's own message, with Java's class names, was the answer to a definition of the wrong shape (session 49 sweep). */
    @Test
    void aDefinitionOfTheWrongShapeIsRefusedSayingWhereInTheDocument() throws Exception {
        HttpResponse<String> list = post("/api/v1/segmentations", "application/json", "{\"name\":\"Shapes\",\"definition\":[1, 2]}");
        HttpResponse<String> segments = post("/api/v1/segmentations", "application/json",
                "{\"name\":\"Shapes\",\"definition\":{\"name\": \"S\", \"segments\": \"all of them\"}}");

        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).contains("the definition document cannot be read: definition is not a JSON object {...}; "
                + "any segmentation's definition, as it is read back, shows the shape to follow").doesNotContain("io.strata", "Cannot deserialize", "JsonToken");
        assertThat(segments.statusCode()).isEqualTo(400);
        assertThat(segments.body()).contains("definition.segments is not a list [...]").doesNotContain("io.strata", "Cannot deserialize");
        assertThat(get("/api/v1/segmentations").body()).doesNotContain("Shapes");
    }

    @Test
    void aRunStartedWithoutWaitingAnswers202WithItsIdAndCompletesLater() throws Exception {
        activate(create("frequency-tiers"));

        HttpResponse<String> started = post("/api/v1/segmentation-runs", "application/json", "{\"asOf\":\"2024-06-30\"}");

        assertThat(started.statusCode()).isEqualTo(202);
        long runId = number(started.body(), "runId");
        String status = "";
        for (int i = 0; i < 200 && !status.contains("COMPLETED"); i++) {
            Thread.sleep(50);
            status = get("/api/v1/segmentation-runs/" + runId).body();
        }
        assertThat(status).contains("\"status\":\"COMPLETED\"").contains("\"customers\":2");
    }

    @Test
    void aDefinitionThatLeavesCustomersWithoutASegmentIsRefusedSayingWhichOnes() throws Exception {
        String document = """
                {"name": "Gappy", "basis": {"type": "tiers", "metric": "MONETARY",
                   "split": {"type": "fixed", "tiers": [
                     {"segmentKey": "low", "from": null, "to": 25}, {"segmentKey": "high", "from": 30, "to": null}]},
                   "noPurchaseSegment": "none"},
                 "segments": [
                   {"key": "none", "name": "No purchase", "rank": 1, "description": "", "goal": ""},
                   {"key": "low", "name": "Low", "rank": 2, "description": "", "goal": ""},
                   {"key": "high", "name": "High", "rank": 3, "description": "", "goal": ""}]}""";

        HttpResponse<String> response = post("/api/v1/segmentations", "application/json", "{\"definition\":" + document + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("monetary from 25 to below 30 is not covered");
    }

    private long create(String template) throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"S\",\"template\":\"" + template + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return number(created.body(), "id");
    }

    private void activate(long id) throws Exception {
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
    }

    private long run(String asOf) throws Exception {
        HttpResponse<String> run = runAndAwaitFollowUps("{\"asOf\":\"" + asOf + "\"}");
        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        return number(run.body(), "runId");
    }

    private HttpResponse<String> put(String path, String json) throws Exception {
        return send(java.net.http.HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
