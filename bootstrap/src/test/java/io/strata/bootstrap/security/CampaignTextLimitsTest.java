package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign's objective and a cancel reason have the limit of a segment's goal, 500 characters, in the API and in
 * the console; a longer one is refused naming the field and the limit, and nothing of it reaches the audit trail.
 */
class CampaignTextLimitsTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LONG = "o".repeat(501);

    @BeforeEach
    void activeTiers() throws Exception {
        activeFrequencyTiers();
    }

    private static String campaign(String objective) {
        return """
                {"name": "Limits", "objective": "%s", "targetSegment": "newcomers",
                 "actions": [{"channel": "email", "content": "template:hello"}]}""".formatted(objective);
    }

    @Test
    void anObjectiveOfMoreThan500CharactersIsRefusedNamingTheFieldAndTheLimit() throws Exception {
        HttpResponse<String> refused = post("/api/v1/campaigns", "application/json", campaign(LONG));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("field").asString()).isEqualTo("objective");
        assertThat(problem.path("detail").asString()).isEqualTo("the objective has 501 characters; at most 500 are allowed");

        assertThat(post("/api/v1/campaigns", "application/json", campaign("o".repeat(500))).statusCode()).isEqualTo(201);
    }

    @Test
    void aCancelReasonOfMoreThan500CharactersIsRefusedAndTheCampaignStaysAsItWas() throws Exception {
        long id = JSON.readTree(post("/api/v1/campaigns", "application/json", campaign("short")).body()).get("id").asLong();

        HttpResponse<String> refused = post("/api/v1/campaigns/" + id + "/cancel", "application/json", "{\"reason\": \"" + LONG + "\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("field").asString()).isEqualTo("reason");
        assertThat(problem.path("detail").asString()).isEqualTo("the reason has 501 characters; at most 500 are allowed");
        assertThat(get("/api/v1/campaigns/" + id).body()).contains("\"state\":\"DRAFT\"");
        assertThat(get("/api/v1/audit?subjectType=campaign&subjectId=" + id).body()).doesNotContain("ooooo");

        HttpResponse<String> cancelled = post("/api/v1/campaigns/" + id + "/cancel", "application/json",
                "{\"reason\": \"" + "r".repeat(500) + "\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }

    @Test
    void theConsoleRefusesBothAtTheirFields() throws Exception {
        ConsoleSession admin = new ConsoleSession(port);
        admin.logIn("admin", ADMIN_PASSWORD);
        String csrf = admin.csrfToken();

        HttpResponse<String> form = admin.post("/campaigns", "intent=save&name=Limits&objective=" + LONG
                + "&targetSegment=newcomers&actions%5B0%5D.channel=email&actions%5B0%5D.content=hello&controlGroupPercent=10"
                + "&attributionWindowDays=30", csrf);
        assertThat(form.statusCode()).isEqualTo(422);
        assertThat(form.body()).contains("The objective has 501 characters; at most 500 are allowed");

        long id = JSON.readTree(post("/api/v1/campaigns", "application/json", campaign("short")).body()).get("id").asLong();
        // the reason refused at its field, and kept there as typed (session 57's probe: a flash message and an empty field)
        String typed = "<i>budget</i> " + LONG;
        HttpResponse<String> cancel = admin.post("/campaigns/" + id + "/cancel", "reason=" + URLEncoder.encode(typed, StandardCharsets.UTF_8), csrf);
        assertThat(cancel.statusCode()).isEqualTo(422);
        assertThat(cancel.body()).contains("id=\"error-reason\"").contains("The reason has 515 characters; at most 500 are allowed")
                .contains("value=\"&lt;i&gt;budget&lt;/i&gt; " + LONG + "\"").contains("aria-invalid=\"true\"").doesNotContain("<i>budget");
        assertThat(get("/api/v1/campaigns/" + id).body()).contains("\"state\":\"DRAFT\"");
        // nothing left behind in the session for the next page
        assertThat(admin.get("/campaigns/" + id).body()).doesNotContain("at most 500 are allowed");
    }
}
