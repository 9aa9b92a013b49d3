package io.strata.bootstrap.campaign;

import io.strata.application.campaign.LaunchCommand;
import io.strata.application.campaign.ProgrammeMeasurement;
import io.strata.application.campaign.port.in.ManageHoldout;
import io.strata.application.campaign.port.in.RunCampaigns;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The global holdout on {@link CampaignTestSupport}'s hand-made base (50 customers). Who is held out was worked out
 * with python3, first 8 bytes of sha256("holdout:&lt;draw&gt;:&lt;customerId&gt;") below share / 100 × 2^64:
 * <ul>
 *   <li>draw 1 at 30 %: w02, w04, w10, w12, w15, b01, b03, b04, b10, b17, b18, c02, c07, c08 (14);</li>
 *   <li>draw 2 at 30 %: w01, w03, w04, w06, w11, w17, w19, w20, b05, b11, b16, b19, b20, c05, c09 (15);
 *       at 10 %: w06, w17, w19, w20, b20, c09.</li>
 * </ul>
 */
class GlobalHoldoutTest extends CampaignTestSupport {

    private static final Set<String> HELD_DRAW_1 = Set.of("w02", "w04", "w10", "w12", "w15", "b01", "b03", "b04", "b10", "b17", "b18", "c02",
            "c07", "c08");

    @Autowired
    RunCampaigns campaigns;

    @Autowired
    ManageHoldout programme;

    @Test
    void aShareOutsideZeroToFiftyOrMissingIsRefusedNamingTheField() throws Exception {
        for (String body : List.of("{\"sharePercent\": 50.5}", "{\"sharePercent\": -1}", "{\"sharePercent\": 12.345}", "{}", "")) {
            HttpResponse<String> refused = put("/api/v1/holdout", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(json(refused).get("field").asText()).as(body).isEqualTo("sharePercent");
        }
        assertThat(put("/api/v1/holdout", "{\"sharePercent\": 50}").statusCode()).isEqualTo(200);
        assertThat(put("/api/v1/holdout", "{\"sharePercent\": 0}").statusCode()).isEqualTo(200);
    }

    @Test
    void theHoldoutReceivesNothingByAManualLaunchAnAutomaticLaunchOrAnAlwaysOnCohort() throws Exception {
        handMadeBase();
        activeRfmClassic();
        long r1 = run("2024-06-30");
        JsonNode holdout = json(put("/api/v1/holdout", "{\"sharePercent\": 30}"));
        assertThat(holdout.get("draw").asInt()).isEqualTo(1);
        assertThat(holdout.get("customers").asLong()).isEqualTo(50);
        assertThat(holdout.get("heldOut").asLong()).isEqualTo(14);

        // Manual launch for at_risk (w01–w20), no control group: w02, w04, w10, w12, w15 are held out; w01 and w20 lack consent.
        long manual = launchedCampaign(winBack("0"), null);
        JsonNode audience = json(get("/api/v1/campaigns/" + manual + "/audience", "application/json"));
        assertThat(audience.get("members").asLong()).isEqualTo(15);
        assertThat(audience.get("excludedForConsent").asLong()).isEqualTo(2);
        assertThat(audience.get("treatment").asLong()).isEqualTo(13);
        assertThat(audienceMembers(manual).keySet()).containsExactly("w03", "w05", "w06", "w07", "w08", "w09", "w11", "w13", "w14", "w16",
                "w17", "w18", "w19");
        assertThat(deliveredTo(manual)).doesNotContainAnyElementsOf(HELD_DRAW_1).hasSize(13);

        // A launch made without a request, as a scheduler makes it: the same use case, the same audience statement.
        long automatic = createCampaign(winBack("0"));
        assertThat(action(automatic, "schedule", "").statusCode()).isEqualTo(200);
        campaigns.launch(new LaunchCommand(automatic, null));
        assertThat(audienceMembers(automatic).keySet()).doesNotContainAnyElementsOf(HELD_DRAW_1).hasSize(13);
        assertThat(deliveredTo(automatic)).doesNotContainAnyElementsOf(HELD_DRAW_1).hasSize(13);

        // Always-on for champions: R2 (2024-07-20) lets w02–w08 enter; w02 and w04 are held out.
        long alwaysOn = createCampaign(winBack("0").replace("\"at_risk\"", "\"champions\""));
        assertThat(action(alwaysOn, "schedule", "").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/campaigns/" + alwaysOn + "/always-on", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                n-w02,w02,2024-07-01T12:00:00Z,50
                n-w03,w03,2024-07-10T09:00:00Z,40
                n-w04,w04,2024-07-10T09:00:00Z,60
                n-w05,w05,2024-07-10T09:00:00Z,80
                n-w06,w06,2024-07-10T09:00:00Z,100
                n-w07,w07,2024-07-10T09:00:00Z,120
                n-w08,w08,2024-07-10T09:00:00Z,70
                n-w10,w10,2024-07-25T09:00:00Z,30
                """).statusCode()).isEqualTo(200);
        long r2 = run("2024-07-20");
        JsonNode cohort = json(get("/api/v1/campaigns/" + alwaysOn + "/always-on", "application/json")).get("cohorts").get(0);
        assertThat(cohort.get("entered").asLong()).isEqualTo(5);
        assertThat(audienceMembers(alwaysOn).keySet()).containsExactly("w03", "w05", "w06", "w07", "w08");
        assertThat(deliveredTo(alwaysOn)).containsExactly("w03", "w05", "w06", "w07", "w08");

        // A new draw, only on request: other customers from now on; what went out stays as it was.
        JsonNode redrawn = json(post("/api/v1/holdout/redraw", "application/json", ""));
        assertThat(redrawn.get("draw").asInt()).isEqualTo(2);
        assertThat(redrawn.get("heldOut").asLong()).isEqualTo(15);
        assertThat(redrawn.get("baselineRunId").asLong()).isEqualTo(r2);
        assertThat(json(put("/api/v1/holdout", "{\"sharePercent\": 10}")).get("heldOut").asLong()).isEqualTo(6);
        assertThat(json(put("/api/v1/holdout", "{\"sharePercent\": 30}")).get("heldOut").asLong()).isEqualTo(15);
        assertThat(deliveredTo(manual)).hasSize(13);

        // The programme's effect from the draw on. Orders after it: w03 (held out) 100, c01 (not) 50.
        Instant at = Instant.parse(redrawn.get("drawnAt").asText()).plusMillis(1);
        assertThat(importOrders("order_id,customer_id,ordered_at,amount\ne-w03,w03,%1$s,100\ne-c01,c01,%1$s,50\n".formatted(at)).statusCode())
                .isEqualTo(200);
        // R3 (2024-07-25): w10 (not held out in draw 2) moves from at_risk up to champions; nobody else changes segment.
        long r3 = run("2024-07-25");
        JsonNode effect = json(get("/api/v1/holdout/effect", "application/json"));
        // revenue per customer: held out 100 / 15 = 6.6667, s² = (100² − 100²/15) / 14 = 666.6667, se = √(s²/15) = 6.666667,
        // interval 6.666667 ± 13.066427 = −6.399760 … 19.733093; the others 50 / 35 = 1.4286, s² = 71.428571, se = 1.428571,
        // interval −1.371377 … 4.228520; difference 1.4286 − 6.6667 = −5.2381, se = √(666.67/15 + 71.43/35) = 6.818138,
        // interval −18.601149 … 8.124959, p = 0.442325
        assertThat(effect.get("heldOutRevenue").get("customers").asLong()).isEqualTo(15);
        assertThat(effect.get("heldOutRevenue").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("6.6667");
        assertThat(effect.get("heldOutRevenue").get("interval").get("low").decimalValue()).isEqualByComparingTo("-6.399760");
        assertThat(effect.get("heldOutRevenue").get("interval").get("high").decimalValue()).isEqualByComparingTo("19.733093");
        assertThat(effect.get("othersRevenue").get("customers").asLong()).isEqualTo(35);
        assertThat(effect.get("othersRevenue").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("1.4286");
        assertThat(effect.get("othersRevenue").get("interval").get("low").decimalValue()).isEqualByComparingTo("-1.371377");
        assertThat(effect.get("othersRevenue").get("interval").get("high").decimalValue()).isEqualByComparingTo("4.228520");
        assertThat(effect.get("revenueUplift").decimalValue()).isEqualByComparingTo("-5.2381");
        assertThat(effect.get("revenueUpliftInterval").get("low").decimalValue()).isEqualByComparingTo("-18.601149");
        assertThat(effect.get("revenueUpliftInterval").get("high").decimalValue()).isEqualByComparingTo("8.124959");
        assertThat(effect.get("revenuePValue").asDouble()).isCloseTo(0.442325, within(1e-6));
        // moved up from R2 to R3: held out 0 of 15, the others 1 of 35 (w10) = 0.028571, interval ± 1.959964 × √(p(1 − p)/35)
        // = −0.026622 … 0.083765; uplift 0.028571 with the same interval (the holdout's share has no variance);
        // z-test: pooled 1/50, se = √(0.02 × 0.98 × (1/35 + 1/15)) = 0.043205, z = 0.661300, p = 0.508420
        assertThat(effect.get("baselineRunId").asLong()).isEqualTo(r2);
        assertThat(effect.get("laterRunId").asLong()).isEqualTo(r3);
        assertThat(effect.get("heldOutMovedUp").get("customers").asLong()).isEqualTo(15);
        assertThat(effect.get("heldOutMovedUp").get("movedUp").asLong()).isZero();
        assertThat(effect.get("othersMovedUp").get("movedUp").asLong()).isEqualTo(1);
        assertThat(effect.get("othersMovedUp").get("share").decimalValue()).isEqualByComparingTo("0.028571");
        assertThat(effect.get("othersMovedUp").get("interval").get("low").decimalValue()).isEqualByComparingTo("-0.026622");
        assertThat(effect.get("othersMovedUp").get("interval").get("high").decimalValue()).isEqualByComparingTo("0.083765");
        assertThat(effect.get("movedUpUplift").decimalValue()).isEqualByComparingTo("0.028571");
        assertThat(effect.get("movedUpPValue").asDouble()).isCloseTo(0.508420, within(1e-6));
        assertThat(r1).isLessThan(r2);

        // The same figures were measured and kept right after R3 completed: the dashboard reads them, not every customer.
        ProgrammeMeasurement kept = programme.standing().measurement().orElseThrow();
        assertThat(kept.runId()).isEqualTo(r3);
        assertThat(kept.effect().heldOut().customers()).isEqualTo(15);
        assertThat(kept.effect().heldOut().revenue()).isEqualByComparingTo("100");
        assertThat(kept.effect().heldOut().revenueSquares()).isEqualByComparingTo("10000");
        assertThat(kept.effect().others().customers()).isEqualTo(35);
        assertThat(kept.effect().others().revenue()).isEqualByComparingTo("50");
        assertThat(kept.effect().holdout().heldOut()).isEqualTo(15);
        assertThat(kept.effect().holdout().customers()).isEqualTo(50);
        assertThat(kept.effect().baselineRunId()).isEqualTo(r2);
        assertThat(kept.effect().laterRunId()).isEqualTo(r3);
        assertThat(kept.effect().migration().treatment().movedUp()).isEqualTo(1);
        assertThat(kept.effect().migration().control().customers()).isEqualTo(15);
        assertThat(kept.effect().migration().control().movedUp()).isZero();
        // another share is another holdout: nothing measured for it until the next run
        assertThat(put("/api/v1/holdout", "{\"sharePercent\": 20}").statusCode()).isEqualTo(200);
        assertThat(programme.standing().measurement()).isEmpty();
    }

    /** Customer ids in the campaign's outbox. */
    private List<String> deliveredTo(long campaignId) throws Exception {
        List<String> rows = lines(get("/api/v1/campaigns/" + campaignId + "/deliveries", "text/csv").body());
        return rows.subList(1, rows.size()).stream().map(row -> row.substring(0, row.indexOf(','))).toList();
    }
}
