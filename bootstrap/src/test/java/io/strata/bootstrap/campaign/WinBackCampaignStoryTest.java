package io.strata.bootstrap.campaign;

import io.strata.domain.campaign.ControlGroup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole story over HTTP on the hand-made base of {@link CampaignTestSupport}: plan a win-back campaign for
 * at_risk, launch it with a 20 % control group, let part of both groups buy, run the segmentation again, and read
 * results that were computed by hand.
 */
class WinBackCampaignStoryTest extends CampaignTestSupport {

    private static final String LAUNCH = "2024-07-01T12:00:00Z";

    @Test
    void aWinBackCampaignForAtRiskShowsConversionUpliftSignificanceAndMigrationAsComputedByHand() throws Exception {
        handMadeBase();
        activeRfmClassic();
        long frozenRun = run("2024-06-30");

        // Plan: the action plan shows at_risk with its goal and 20 customers, then the campaign is planned for it.
        nextCampaignId(1001);
        long id = createCampaign(winBack("20"));
        assertThat(id).isEqualTo(1001);
        JsonNode atRisk = segment(json(get("/api/v1/action-plan")), "at_risk");
        assertThat(atRisk.get("rank").asInt()).isEqualTo(4);
        assertThat(atRisk.get("goal").asText()).contains("loyal_customers");
        assertThat(atRisk.get("customers").asLong()).isEqualTo(20);
        assertThat(atRisk.get("campaigns").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(atRisk.get("campaigns").get(0).get("state").asText()).isEqualTo("DRAFT");

        // Launch. Consent: w01 refused email, w20 was never asked: 2 excluded, 18 eligible.
        // Control group: first 8 bytes of sha256("1001:wNN") < 0.2 × 2^64 holds for w01, w08, w09, w14 and w17
        // (printf '1001:w08' | sha256sum …); w01 is excluded, so control = w08, w09, w14, w17 (4), treatment = 14.
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        HttpResponse<String> launched = action(id, "launch", "{\"launchAt\":\"" + LAUNCH + "\"}");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        assertThat(json(launched).get("state").asText()).isEqualTo("RUNNING");
        assertThat(json(launched).get("runId").asLong()).isEqualTo(frozenRun);

        JsonNode audience = json(get("/api/v1/campaigns/" + id + "/audience"));
        assertThat(audience.get("members").asLong()).isEqualTo(20);
        assertThat(audience.get("excludedForConsent").asLong()).isEqualTo(2);
        assertThat(audience.get("treatment").asLong()).isEqualTo(14);
        assertThat(audience.get("control").asLong()).isEqualTo(4);

        Map<String, String> groups = members(id);
        assertThat(groups).doesNotContainKeys("w01", "w20").hasSize(18);
        assertThat(groups.entrySet().stream().filter(e -> e.getValue().equals("control")).map(Map.Entry::getKey))
                .containsExactly("w08", "w09", "w14", "w17");
        ControlGroup formula = new ControlGroup(new BigDecimal("20"));
        groups.forEach((customer, group) -> assertThat(group).isEqualTo(formula.contains(id, customer) ? "control" : "treatment"));

        // Orders after the launch. Window: [2024-07-01T12:00Z, 2024-07-31T12:00Z).
        //   treatment converters: w02 50 (exactly at the launch), w03 40, w04 60, w05 80, w06 100, w07 120 (all 07-10),
        //                         w10 30 (07-25, after the second run's as-of date) → 7 converters, revenue 480
        //   treatment non-converters with orders: w11 refund −20 (07-05, not positive), w12 200 at 07-31T12:00Z (window end, excluded)
        //   control converter: w08 70 (07-10) → 1 converter, revenue 70
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                n-w02,w02,2024-07-01T12:00:00Z,50
                n-w03,w03,2024-07-10T09:00:00Z,40
                n-w04,w04,2024-07-10T09:00:00Z,60
                n-w05,w05,2024-07-10T09:00:00Z,80
                n-w06,w06,2024-07-10T09:00:00Z,100
                n-w07,w07,2024-07-10T09:00:00Z,120
                n-w10,w10,2024-07-25T09:00:00Z,30
                n-w11,w11,2024-07-05T09:00:00Z,-20
                n-w12,w12,2024-07-31T12:00:00Z,200
                n-w08,w08,2024-07-10T09:00:00Z,70
                """).statusCode()).isEqualTo(200);

        // Before a later run: conversions, no migration yet.
        JsonNode early = json(get("/api/v1/campaigns/" + id + "/results"));
        assertThat(early.get("laterRunId").isNull()).isTrue();
        assertThat(early.get("migrationUplift").isNull()).isTrue();
        assertThat(early.get("treatment").get("converters").asLong()).isEqualTo(7);

        // Second run as of 2024-07-20 (orders before 07-21 count). 50 buyers again:
        //   13 w without new orders: 192 days, frequency 3; w02: 19 days, w03–w08: 10 days, frequency 4; b: 30 days; c: 25 days.
        //   R (recency descending): 13 w rank 1 → 1; b rank 14 → 1 + floor(5·13/50) = 2; c rank 34 → 1 + floor(165/50) = 4;
        //     w02 rank 44 → 5; w03–w08 rank 45 → 5.
        //   F (frequency ascending): b rank 1 → 1; 13 w rank 21 → 3; w02–w08 rank 34 → 4; c rank 41 → 5.
        //   So w02–w08 move from at_risk (rank 4) to champions (R 5, F 4; rank 11); the other w stay at_risk.
        //   Moved up: treatment w02–w07 = 6 of 14, control w08 = 1 of 4 (w10 bought only after the run's date).
        long laterRun = run("2024-07-20");

        JsonNode results = json(get("/api/v1/campaigns/" + id + "/results"));
        JsonNode treatment = results.get("treatment");
        JsonNode control = results.get("control");
        assertThat(results.get("frozenRunId").asLong()).isEqualTo(frozenRun);
        assertThat(results.get("laterRunId").asLong()).isEqualTo(laterRun);
        assertThat(results.get("launchedAt").asText()).isEqualTo(LAUNCH);
        assertThat(results.get("windowEnd").asText()).isEqualTo("2024-07-31T12:00:00Z");
        assertThat(results.get("windowClosed").asBoolean()).isTrue();
        // conversion: treatment 7/14 = 0.5, control 1/4 = 0.25
        assertThat(treatment.get("customers").asLong()).isEqualTo(14);
        assertThat(treatment.get("converters").asLong()).isEqualTo(7);
        assertThat(treatment.get("conversionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(control.get("customers").asLong()).isEqualTo(4);
        assertThat(control.get("converters").asLong()).isEqualTo(1);
        assertThat(control.get("conversionRate").decimalValue()).isEqualByComparingTo("0.25");
        // revenue per customer: 480 / 14 = 34.2857, 70 / 4 = 17.5
        assertThat(treatment.get("revenue").decimalValue()).isEqualByComparingTo("480");
        assertThat(treatment.get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("34.2857");
        assertThat(control.get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("17.5");
        // uplift: 0.5 − 0.25 = 0.25 absolute, 0.25 / 0.25 = 1 relative
        assertThat(results.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(results.get("relativeUplift").decimalValue()).isEqualByComparingTo("1");
        // z-test: pooled p = 8/18 = 0.444444; se = sqrt(0.444444 × 0.555556 × (1/14 + 1/4)) = sqrt(0.0793651) = 0.281718;
        // z = 0.25 / 0.281718 = 0.887412; p = 2 × (1 − Φ(0.887412)) = 0.374857
        assertThat(results.get("zScore").asDouble()).isCloseTo(0.887412, within(1e-6));
        assertThat(results.get("pValue").asDouble()).isCloseTo(0.374857, within(1e-6));
        // migration: 6/14 = 0.428571 against 1/4 = 0.25; uplift 6/14 − 1/4 = 10/56 = 0.178571
        assertThat(treatment.get("movedUp").asLong()).isEqualTo(6);
        assertThat(treatment.get("migrationRate").decimalValue()).isEqualByComparingTo("0.428571");
        assertThat(control.get("movedUp").asLong()).isEqualTo(1);
        assertThat(control.get("migrationRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(results.get("migrationUplift").decimalValue()).isEqualByComparingTo("0.178571");

        // Completing keeps the results.
        assertThat(json(action(id, "complete", "")).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(json(get("/api/v1/campaigns/" + id + "/results")).get("treatment").get("converters").asLong()).isEqualTo(7);
    }

    @Test
    void theTreatmentGroupIsOfferedAsCsvAndNdjsonWithEachCustomersAction() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        nextCampaignId(1001);
        long id = launchedCampaign(winBack("20"), LAUNCH);

        HttpResponse<String> csv = get("/api/v1/campaigns/" + id + "/deliveries", "text/csv");
        HttpResponse<String> ndjson = get("/api/v1/campaigns/" + id + "/deliveries", "application/x-ndjson");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> rows = lines(csv.body());
        assertThat(rows.get(0)).isEqualTo("customer_id,email,phone,channel,content,discount_percent,status,attempts,last_error,tactical_segment_id,destination");
        assertThat(rows).hasSize(15).contains("w02,w02@example.com,,email,template:winback-1,,PENDING,0,,,STRATA_DISPATCH_WEBHOOK_URL")
                .noneMatch(row -> row.startsWith("w08,") || row.startsWith("w01,") || row.startsWith("w20,"));
        assertThat(lines(ndjson.body())).hasSize(14).allSatisfy(line -> assertThat(JSON.readTree(line).get("channel").asText()).isEqualTo("email"));
        assertThat(JSON.readTree(lines(ndjson.body()).get(0)).get("customer_id").asText()).isEqualTo("w02");
        assertThat(get("/api/v1/campaigns/" + id + "/deliveries", "application/pdf").statusCode()).isEqualTo(406);
    }

    /** customer id → group, from the members CSV. */
    private Map<String, String> members(long id) throws Exception {
        Map<String, String> groups = new TreeMap<>();
        audienceMembers(id).forEach((customer, row) -> groups.put(customer, row.substring(0, row.indexOf(','))));
        return groups;
    }

    private static JsonNode segment(JsonNode plan, String key) {
        for (JsonNode segment : plan.get("segments")) {
            if (segment.get("key").asText().equals(key)) {
                return segment;
            }
        }
        throw new AssertionError("no segment " + key + " in " + plan);
    }
}
