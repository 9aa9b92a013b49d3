package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names, goals, objectives, hypotheses, message content and reasons hold no control characters but tab and line
 * breaks: a NUL (which PostgreSQL text cannot hold) or an escape is a 400 naming the field and the position, in the
 * product's words, and nothing is stored; over the API and in the console alike.
 */
class ControlCharactersInTextTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void activeTiers() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
    }

    private static String campaign(String name, String objective, String content) {
        return """
                {"name": "%s", "objective": "%s", "targetSegment": "newcomers",
                 "actions": [{"channel": "email", "content": "%s"}]}""".formatted(name, objective, content);
    }

    private JsonNode refused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("invalid byte sequence", "UTF8", "SQL");
        return JSON.readTree(response.body());
    }

    @Test
    void aNulInACampaignsNameObjectiveOrContentIsRefusedAtItsField() throws Exception {
        JsonNode name = refused(post("/api/v1/campaigns", "application/json", campaign("Win\\u0000back", "fine", "template:a")));
        JsonNode objective = refused(post("/api/v1/campaigns", "application/json", campaign("Unstored campaign", "up\\u001b[31m", "template:a")));
        JsonNode content = refused(post("/api/v1/campaigns", "application/json", campaign("Unstored campaign", "fine", "tem\\u0000plate")));

        assertThat(name.path("field").asString()).isEqualTo("name");
        assertThat(name.path("detail").asString()).isEqualTo("the name holds the control character U+0000 at character 4;"
                + " remove it (text may hold tabs and line breaks, but no other control characters)");
        assertThat(objective.path("field").asString()).isEqualTo("objective");
        assertThat(objective.path("detail").asString()).startsWith("the objective holds the control character U+001B at character 3");
        assertThat(content.path("field").asString()).isEqualTo("actions[0].content");
        assertThat(json(get("/api/v1/campaigns")).toString()).doesNotContain("Unstored campaign", "Win\\u0000back");
    }

    @Test
    void halfACharacterInACampaignsNameIsRefusedAtItsFieldAndAWholeOneIsKept() throws Exception {
        // the JSON escape of U+D800 alone would be stored as '?' (two names differing only there would become one)
        JsonNode half = refused(post("/api/v1/campaigns", "application/json", campaign("Half \\ud800 campaign", "fine", "template:a")));
        HttpResponse<String> whole = post("/api/v1/campaigns", "application/json", campaign("Whole \\ud83d\\ude00 campaign", "fine", "template:a"));

        assertThat(half.path("field").asString()).isEqualTo("name");
        assertThat(half.path("detail").asString()).isEqualTo("the name holds U+D800 at character 6, half of a character whose other half is"
                + " missing (a JSON escape such as \\ud800 alone); remove it, or write the whole character");
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(201);
        assertThat(JSON.readTree(whole.body()).path("name").asString()).isEqualTo("Whole \ud83d\ude00 campaign");
        assertThat(json(get("/api/v1/campaigns")).toString()).doesNotContain("Half");
    }

    @Test
    void aNulInACancelReasonIsRefusedAndTheCampaignStaysADraft() throws Exception {
        long id = JSON.readTree(post("/api/v1/campaigns", "application/json", campaign("Kept", "fine", "template:a")).body()).get("id").asLong();

        JsonNode reason = refused(post("/api/v1/campaigns/" + id + "/cancel", "application/json", "{\"reason\": \"a\\u0000b\"}"));

        assertThat(reason.path("field").asString()).isEqualTo("reason");
        assertThat(get("/api/v1/campaigns/" + id).body()).contains("\"state\":\"DRAFT\"");
    }

    @Test
    void aNulInASegmentationsOrATacticalSegmentsTextIsRefused() throws Exception {
        JsonNode segmentation = refused(post("/api/v1/segmentations", "application/json",
                "{\"name\":\"s\\u0000eg\",\"template\":\"rfm-classic\"}"));
        JsonNode tacticalName = refused(post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"n\\u0000ul\",\"parentSegment\":\"newcomers\",\"rule\":\"city = \\\"x\\\"\"}"));
        JsonNode hypothesis = refused(post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"bells\",\"parentSegment\":\"newcomers\",\"rule\":\"city = \\\"x\\\"\",\"hypothesis\":\"h\\u0007\"}"));

        assertThat(segmentation.path("detail").asString()).contains("the name holds the control character U+0000 at character 2");
        assertThat(tacticalName.toString()).contains("name").contains("U+0000 at character 2");
        assertThat(hypothesis.toString()).contains("hypothesis").contains("U+0007 at character 2");
        assertThat(get("/api/v1/tactical-segments").body()).doesNotContain("bells");
    }

    @Test
    void theConsoleRefusesANulInACampaignNameAtItsField() throws Exception {
        ConsoleSession admin = new ConsoleSession(port);
        admin.logIn("admin", ADMIN_PASSWORD);

        HttpResponse<String> form = admin.post("/campaigns", "intent=save&name=x%00y&objective=fine"
                + "&targetSegment=newcomers&actions%5B0%5D.channel=email&actions%5B0%5D.content=hello&controlGroupPercent=10"
                + "&attributionWindowDays=30", admin.csrfToken());

        assertThat(form.statusCode()).isEqualTo(422);
        assertThat(form.body()).contains("The name holds the control character U+0000 at character 2");
    }

    @Test
    void aRunAsOfADateNoOneMeansIsRefusedAndNothingIsRecorded() throws Exception {
        long runsBefore = json(get("/api/v1/segmentation-runs?limit=1000")).toString().split("\"runId\"", -1).length;

        for (String asOf : new String[]{"-4000-01-01", "0000-01-01", "1899-12-31", "2999-01-01", "+999999999-12-31"}) {
            HttpResponse<String> response = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"" + asOf + "\"}");
            assertThat(response.statusCode()).as(asOf + ": " + response.body()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("segmentation_runs", "SQL");
        }
        HttpResponse<String> refused = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2999-01-01\"}");
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).startsWith("asOf 2999-01-01 is outside the dates a run can be as of,"
                + " 1900-01-01 to ");

        assertThat(json(get("/api/v1/segmentation-runs?limit=1000")).toString().split("\"runId\"", -1).length).isEqualTo(runsBefore);
        assertThat(post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"1900-01-01\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void campaignMomentsNoOneMeansAreRefusedAtTheirField() throws Exception {
        String draft = campaign("Moments", "fine", "template:a");
        long id = JSON.readTree(post("/api/v1/campaigns", "application/json", draft).body()).get("id").asLong();

        JsonNode farAway = refused(post("/api/v1/campaigns/" + id + "/schedule", "application/json", "{\"startAt\":\"+999999999-01-01T00:00:00Z\"}"));
        JsonNode year10000 = refused(post("/api/v1/campaigns/" + id + "/schedule", "application/json", "{\"startAt\":\"+10000-01-01T00:00:00Z\"}"));
        JsonNode createdLongAgo = refused(post("/api/v1/campaigns", "application/json",
                draft.replace("\"targetSegment\"", "\"startAt\": \"-4000-01-01T00:00:00Z\", \"targetSegment\"")));

        assertThat(farAway.path("field").asString()).isEqualTo("startAt");
        assertThat(year10000.path("detail").asString()).isEqualTo("startAt +10000-01-01T00:00:00Z is outside the moments a campaign can"
                + " have, 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        assertThat(createdLongAgo.path("field").asString()).isEqualTo("startAt");
        assertThat(get("/api/v1/campaigns/" + id).body()).contains("\"state\":\"DRAFT\"");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
