package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frequency caps across campaigns, computed by hand on the tactical base (email opt-in: everyone in at_risk w01–w20
 * but w13 and w20; Smart TV: w01–w08; Paris: w05–w12). Every campaign sends one email; no webhook is configured, so
 * every delivery stays PENDING, and a pending delivery counts towards the cap (it is still going out).
 */
class FrequencyCapStoryTest extends CampaignTestSupport {

    private TacticalBase base;

    @BeforeEach
    void tacticalBaseWithoutCaps() throws Exception {
        base = tacticalBase();
    }

    @Test
    void aCappedMemberIsCountedAndLeftOutOfBothGroupsAndOnlyDeliveriesInsideTheWindowCount() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(setCap("email", 1, 7).statusCode()).isEqualTo(200);
        // an SMS cap that nobody here reaches: caps are per channel
        assertThat(setCap("sms", 1, 30).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/frequency-caps", "application/json")).toString())
                .isEqualTo("[{\"channel\":\"email\",\"maxDeliveries\":1,\"windowDays\":7},{\"channel\":\"sms\",\"maxDeliveries\":1,\"windowDays\":30}]");

        // A, 12 days ago: the Smart TV viewers w01–w08; nobody had an email before
        long a = launchedCampaign(email("A", base.smartTv(), 0), now.minus(12, ChronoUnit.DAYS).toString());
        assertThat(counts(a)).isEqualTo("members 8, excluded 0, capped 0, eligible 8, treatment 8, control 0");
        // B, 3 days ago: Paris w05–w12; A's emails (w05–w08) lie 9 days before B, outside its 7 days
        long b = launchedCampaign(email("B", base.paris(), 0), now.minus(3, ChronoUnit.DAYS).toString());
        assertThat(counts(b)).isEqualTo("members 8, excluded 0, capped 0, eligible 8, treatment 8, control 0");
        // C, now: all 20; w13 and w20 have no email consent; B's emails to w05–w12 are inside the 7 days: capped; A's are not
        long c = launchedCampaign(email("C", null, 0), null);
        assertThat(counts(c)).isEqualTo("members 20, excluded 2, capped 8, eligible 10, treatment 10, control 0");
        assertThat(audienceMembers(c).keySet()).containsExactly("w01", "w02", "w03", "w04", "w14", "w15", "w16", "w17", "w18", "w19");
        assertThat(json(get("/api/v1/campaigns/" + c, "application/json")).get("audience").get("capped").asLong()).isEqualTo(8);

        // 2 emails in 30 days: w01–w04 had A and C, w05–w08 A and B (capped); w09–w12 only B, w14–w19 only C
        assertThat(setCap("email", 2, 30).statusCode()).isEqualTo(200);
        long d = launchedCampaign(email("D", null, 20), null);
        JsonNode audience = json(get("/api/v1/campaigns/" + d + "/audience", "application/json"));
        assertThat(audience.get("members").asLong()).isEqualTo(20);
        assertThat(audience.get("excludedForConsent").asLong()).isEqualTo(2);
        assertThat(audience.get("capped").asLong()).isEqualTo(8);
        assertThat(audience.get("eligible").asLong()).isEqualTo(10);
        assertThat(audience.get("treatment").asLong() + audience.get("control").asLong()).isEqualTo(10);
        // the capped are in neither group: the members file (treatment and control) holds exactly the other ten
        assertThat(audienceMembers(d).keySet()).containsExactly("w09", "w10", "w11", "w12", "w14", "w15", "w16", "w17", "w18", "w19");

        // lifted: nobody is capped any more
        assertThat(liftEmailCap().statusCode()).isEqualTo(204);
        // lifting it again: nothing to lift, said in words (not an empty 404)
        HttpResponse<String> again = liftEmailCap();
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(again).get("detail").asString())
                .isEqualTo("the channel 'email' has no frequency cap, so there is none to lift; GET /api/v1/frequency-caps lists the caps");
        long e = launchedCampaign(email("E", null, 0), null);
        assertThat(counts(e)).isEqualTo("members 20, excluded 2, capped 0, eligible 18, treatment 18, control 0");
    }

    @Test
    void aCapOfZeroAnUnknownChannelAndAWindowOutOfRangeAreRefusedNamingTheField() throws Exception {
        assertRefused(setCap("email", 0, 7), "maxDeliveries");
        assertRefused(setCap("email", -1, 7), "maxDeliveries");
        assertRefused(setCap("email", 1001, 7), "maxDeliveries");
        assertRefused(setCap("email", 3, 0), "windowDays");
        assertRefused(setCap("email", 3, 366), "windowDays");
        assertRefused(setCap("fax", 3, 7), "channel");
        assertRefused(put("/api/v1/frequency-caps/email", "{\"windowDays\": 7}"), "maxDeliveries");
        assertThat(get("/api/v1/frequency-caps", "application/json").body()).isEqualTo("[]");
    }

    private HttpResponse<String> liftEmailCap() throws Exception {
        return send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/frequency-caps/email")).header("Authorization", "Bearer " + TOKEN)
                .DELETE().build());
    }

    private void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("field").asText()).isEqualTo(field);
    }

    private HttpResponse<String> setCap(String channel, int max, int days) throws Exception {
        return put("/api/v1/frequency-caps/" + channel, "{\"maxDeliveries\": %d, \"windowDays\": %d}".formatted(max, days));
    }

    private String counts(long id) throws Exception {
        JsonNode a = json(get("/api/v1/campaigns/" + id + "/audience", "application/json"));
        return "members %d, excluded %d, capped %d, eligible %d, treatment %d, control %d".formatted(a.get("members").asLong(),
                a.get("excludedForConsent").asLong(), a.get("capped").asLong(), a.get("eligible").asLong(), a.get("treatment").asLong(),
                a.get("control").asLong());
    }

    private static String email(String name, Long narrowedTo, int controlPercent) {
        return """
                {"name": "%s", "targetSegment": "at_risk", "tacticalSegmentId": %s,
                 "actions": [{"channel": "email", "content": "template:winback-1"}],
                 "controlGroupPercent": %d, "attributionWindowDays": 30}""".formatted(name, narrowedTo, controlPercent);
    }
}
