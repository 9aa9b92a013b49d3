package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every state refuses the transitions it does not allow with a 409 naming the state and the allowed next steps; plans are validated. */
class CampaignLifecycleApiTest extends CampaignTestSupport {

    /** Every transition a planner can ask for, as its HTTP call. */
    private static final List<String> TRANSITIONS = List.of("edit", "schedule", "launch", "complete", "cancel");

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @Test
    void eachStateRefusesEveryTransitionItDoesNotAllowNamingTheStateAndTheAllowedNextSteps() throws Exception {
        long draft = createCampaign(winBack("10"));
        long scheduled = createCampaign(winBack("10"));
        action(scheduled, "schedule", "");
        long running = launchedCampaign(winBack("10"), null);
        long completed = launchedCampaign(winBack("10"), null);
        action(completed, "complete", "");
        long cancelled = createCampaign(winBack("10"));
        action(cancelled, "cancel", "{\"reason\":\"budget cut\"}");
        Map<Long, List<String>> allowed = Map.of(
                draft, List.of("edit", "schedule", "cancel"),
                scheduled, List.of("launch", "cancel"),
                running, List.of("complete"),
                completed, List.of(),
                cancelled, List.of());
        Map<Long, String> states = Map.of(draft, "DRAFT", scheduled, "SCHEDULED", running, "RUNNING", completed, "COMPLETED",
                cancelled, "CANCELLED");

        int refusals = 0;
        for (long id : allowed.keySet()) {
            assertThat(json(get("/api/v1/campaigns/" + id)).get("allowedTransitions").toString())
                    .isEqualTo(JSON.writeValueAsString(allowed.get(id)));
            for (String transition : TRANSITIONS) {
                if (allowed.get(id).contains(transition)) {
                    continue;
                }
                HttpResponse<String> refused = transition.equals("edit") ? put("/api/v1/campaigns/" + id, winBack("10"))
                        : action(id, transition, "");
                assertThat(refused.statusCode()).as("%s %s", states.get(id), transition).isEqualTo(409);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = json(refused);
                assertThat(problem.get("currentState").asText()).isEqualTo(states.get(id));
                assertThat(problem.get("attempted").asText()).isEqualTo(transition);
                assertThat(problem.get("allowedTransitions").toString()).isEqualTo(JSON.writeValueAsString(allowed.get(id)));
                assertThat(problem.get("detail").asText()).contains("is " + states.get(id) + " and cannot " + transition);
                refusals++;
            }
            assertThat(json(get("/api/v1/campaigns/" + id)).get("state").asText()).as("a refusal changes nothing").isEqualTo(states.get(id));
        }
        // DRAFT 2 + SCHEDULED 3 + RUNNING 4 + COMPLETED 5 + CANCELLED 5
        assertThat(refusals).isEqualTo(19);
    }

    @Test
    void aDraftIsEditedInPlaceAndScheduledWithAFutureStart() throws Exception {
        long id = createCampaign(winBack("10"));

        HttpResponse<String> edited = put("/api/v1/campaigns/" + id, """
                {"name": "Win back, SMS first", "targetSegment": "at_risk",
                 "actions": [{"channel": "sms", "content": "We miss you"}, {"channel": "offer", "discountPercent": 15, "content": "WB15"}]}""");
        HttpResponse<String> scheduled = action(id, "schedule", "{\"startAt\":\"2999-01-01T09:00:00Z\"}");

        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(json(edited).get("actions").size()).isEqualTo(2);
        assertThat(json(edited).get("actions").get(1).get("discountPercent").decimalValue()).isEqualByComparingTo("15");
        assertThat(json(edited).get("controlGroupPercent").decimalValue()).isEqualByComparingTo("10");
        assertThat(json(edited).get("attributionWindowDays").asInt()).isEqualTo(30);
        assertThat(json(scheduled).get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(json(scheduled).get("startAt").asText()).isEqualTo("2999-01-01T09:00:00Z");
    }

    @Test
    void aPlanThatCannotBeBuiltIsRefusedSayingWhereAndHowToFixIt() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"name\":\"x\",\"targetSegment\":\"vip\",\"actions\":[{\"channel\":\"email\",\"content\":\"Hi\"}]}", "targetSegment",
                "{\"name\":\"x\",\"targetSegment\":\"at_risk\",\"actions\":[]}", "actions",
                "{\"name\":\"x\",\"targetSegment\":\"at_risk\",\"actions\":[{\"channel\":\"fax\",\"content\":\"Hi\"}]}", "actions[0].channel",
                "{\"name\":\"x\",\"targetSegment\":\"at_risk\",\"actions\":[{\"channel\":\"offer\",\"content\":\"X\"}]}", "actions[0].discountPercent",
                "{\"name\":\"x\",\"targetSegment\":\"at_risk\",\"controlGroupPercent\":60,\"actions\":[{\"channel\":\"sms\",\"content\":\"Hi\"}]}", "controlGroupPercent",
                "{\"name\":\"x\",\"targetSegment\":\"at_risk\",\"attributionWindowDays\":0,\"actions\":[{\"channel\":\"sms\",\"content\":\"Hi\"}]}", "attributionWindowDays",
                "{\"targetSegment\":\"at_risk\",\"actions\":[{\"channel\":\"sms\",\"content\":\"Hi\"}]}", "name");

        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post("/api/v1/campaigns", "application/json", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("field").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
        assertThat(json(post("/api/v1/campaigns", "application/json", cases.keySet().stream().filter(k -> k.contains("vip")).findFirst().orElseThrow()))
                .get("detail").asText()).contains("is not a segment of the active general segmentation").contains("at_risk");
    }

    @Test
    void aPlanWithSeveralWrongFieldsNamesTheFirstAndListsEveryOneInOneAnswer() throws Exception {
        HttpResponse<String> response = post("/api/v1/campaigns", "application/json", """
                {"name": "x", "targetSegment": "at_risk", "controlGroupPercent": 60,
                 "actions": [{"channel": "fax", "content": "Hi"}, {"channel": "offer", "content": "X"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("title").asText()).isEqualTo("Invalid campaign");
        assertThat(json(response).get("field").asText()).isEqualTo("actions[0].channel");
        assertThat(json(response).get("detail").asText()).startsWith("actions[0].channel 'fax' is not a channel");
        List<String> fields = new java.util.ArrayList<>();
        json(response).get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).containsExactly("actions[0].channel", "actions[1].discountPercent", "controlGroupPercent");
    }

    @Test
    void aPlanNamingATacticalSegmentThatDoesNotExistIsRefusedAtTheFieldThatNamesIt() throws Exception {
        HttpResponse<String> response = post("/api/v1/campaigns", "application/json", """
                {"name": "Win back SMS people", "targetSegment": "at_risk",
                 "actions": [{"channel": "email", "content": "template:winback-1"}],
                 "tacticalActions": [{"tacticalSegmentId": 987654, "channel": "sms", "content": "We miss you"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).isEqualTo("tacticalActions[0].tacticalSegmentId");
        assertThat(json(response).get("detail").asText()).contains("there is no tactical segment 987654")
                .contains("choose one of at_risk's tactical segments");
    }

    @Test
    void aLaunchInTheFutureIsRefusedAndResultsNeedALaunch() throws Exception {
        long id = createCampaign(winBack("10"));

        HttpResponse<String> results = get("/api/v1/campaigns/" + id + "/results");
        action(id, "schedule", "");
        HttpResponse<String> future = action(id, "launch", "{\"launchAt\":\"2999-01-01T00:00:00Z\"}");

        assertThat(results.statusCode()).isEqualTo(409);
        assertThat(json(results).get("detail").asText()).contains("has not been launched");
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(json(future).get("field").asText()).isEqualTo("launchAt");
    }

    @Test
    void anUnknownCampaignIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/v1/campaigns/987654");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("detail").asText()).isEqualTo("there is no campaign 987654; the campaigns list shows every campaign and its id");
        assertThat(json(response).get("fix").asText()).isEqualTo("GET /api/v1/campaigns lists them");
    }

    @Test
    void campaignsNeedAnActiveSegmentationToBePlannedAgainst() throws Exception {
        emptyDatabase();

        HttpResponse<String> response = post("/api/v1/campaigns", "application/json", winBack("10"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("detail").asText()).isEqualTo("no general segmentation is active, and campaigns are planned"
                + " against its segments; create a general segmentation and activate it first");
        assertThat(json(response).get("fix").asText())
                .isEqualTo("POST /api/v1/segmentations, then POST /api/v1/segmentations/{id}/activate");
        assertThat(get("/api/v1/action-plan").statusCode()).isEqualTo(409);
    }
}
