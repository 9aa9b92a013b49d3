package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An always-on campaign for champions across the runs of {@link CampaignTestSupport}'s hand-made base, with every
 * cohort, group and figure worked out by hand. The runs (rfm-classic, 50 buyers each time; R and F as in
 * {@link WinBackCampaignStoryTest}, whose orders these are):
 * <ul>
 *   <li>R1 as of 2024-06-30: champions = c01–c10 (the baseline: nobody there has "entered");</li>
 *   <li>R2 as of 2024-07-20: w02–w08 bought once more (07-01, 07-10): R 5, F 4 → champions; c01–c10 drop to R 4,
 *       F 5 (loyal_customers). Entered: w02–w08;</li>
 *   <li>R3 as of 2024-07-25: w10's order of 07-25 counts: 12 w at 197 days rank 1 → R 1, b (35 days) rank 13 → R 2,
 *       c (30) rank 33 → R 4, w02 (24) rank 43, w03–w08 (15) rank 44, w10 (0) rank 50 → R 5; F: the 8 with 4 orders
 *       rank 33 → F 4. Champions: w02–w08, w10. Entered: w10;</li>
 *   <li>R4 as of 2024-07-31, while paused: w12's order of 07-31 counts: 11 w at 203 days rank 1 → R 1, b rank 12 →
 *       R 2, c rank 32 → R 4, w02 rank 42, w03–w08 rank 43, w10 rank 49, w12 rank 50 → R 5; the 9 with 4 orders rank
 *       32 → F 4. w12 entered, but the campaign is paused: no cohort;</li>
 *   <li>R5 as of 2024-07-31 again, resumed: w12 was a champion in R4 already, so nobody entered: an empty cohort;</li>
 *   <li>R6 as of 2024-08-01: w11 bought on 08-01: 10 w at 204 days rank 1 → R 1, b rank 11 → R 2, c rank 31 → R 4,
 *       w02 rank 41 and everyone after → R 5; the 10 with 4 orders rank 31 → F 4. Entered since R5: w11.</li>
 * </ul>
 * Control share 50 % for campaign 2001: the first 8 bytes of sha256("2001:wNN") are below 2^63 (first byte under
 * 0x80) for w01, w02, w04, w07, w12, w13, w14, w16, w17, w19 (python3: hashlib.sha256(b"2001:w02").digest()[0]);
 * w03, w06, w08, w10 and w11 are treated.
 * Consent: every w has the email opt-in except w05.
 */
class AlwaysOnCampaignStoryTest extends CampaignTestSupport {

    private static final String ALWAYS_ON = """
            {"name": "Welcome new champions", "objective": "keep new champions buying", "targetSegment": "champions",
             "actions": [{"channel": "email", "content": "template:welcome-champion"}],
             "controlGroupPercent": 50, "attributionWindowDays": 30}""";

    @Test
    void cohortsOfEntrantsAcrossRunsWithStableGroupsDeliveriesAndResultsAsComputedByHand() throws Exception {
        StringBuilder customers = new StringBuilder("customer_id,email,email_opt_in\n");
        AT_RISK.forEach(w -> customers.append(w).append(',').append(w).append("@example.com,").append(!w.equals("w05")).append('\n'));
        handMadeBase(customers.toString());
        activeRfmClassic();
        long r1 = run("2024-06-30");
        nextCampaignId(2001);
        long id = createCampaign(ALWAYS_ON);
        assertThat(id).isEqualTo(2001);

        // A draft cannot start always-on: it is scheduled first, as for a launch.
        assertThat(post(alwaysOn(id), "application/json", "").statusCode()).isEqualTo(409);
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        HttpResponse<String> started = post(alwaysOn(id), "application/json", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("state").asText()).isEqualTo("ACTIVE");
        assertThat(json(started).get("baselineRunId").asLong()).isEqualTo(r1);
        assertThat(json(started).get("cohorts")).isEmpty();
        assertThat(json(get("/api/v1/campaigns/" + id, "application/json")).get("state").asText()).isEqualTo("RUNNING");
        // a running always-on campaign cannot be launched (re-frozen) by hand
        assertThat(action(id, "launch", "").statusCode()).isEqualTo(409);

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

        // R2: w02–w08 entered; w05 has no email consent; of the rest, w02, w04, w07 are control, w03, w06, w08 treated.
        long r2 = run("2024-07-20");
        // R3: w10 entered, treated.
        long r3 = run("2024-07-25");
        // Paused, R4 forms no cohort (w12 enters unseen); resuming twice is refused.
        assertThat(json(post(alwaysOn(id) + "/pause", "application/json", "")).get("state").asText()).isEqualTo("PAUSED");
        long r4 = run("2024-07-31");
        assertThat(json(post(alwaysOn(id) + "/resume", "application/json", "")).get("state").asText()).isEqualTo("ACTIVE");
        HttpResponse<String> again = post(alwaysOn(id) + "/resume", "application/json", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("detail").asText()).contains("ACTIVE").contains("pause or stop");
        // R5: w12 was in the target in R4 already: an empty cohort. R6: w11 entered, treated.
        long r5 = run("2024-07-31");
        assertThat(importOrders("order_id,customer_id,ordered_at,amount\nn2-w11,w11,2024-08-01T10:00:00Z,45\n").statusCode()).isEqualTo(200);
        long r6 = run("2024-08-01");

        JsonNode view = json(get(alwaysOn(id), "application/json"));
        List<JsonNode> cohorts = StreamSupport.stream(view.get("cohorts").spliterator(), false).toList();
        assertThat(cohorts).extracting(c -> c.get("runId").asLong()).containsExactly(r2, r3, r5, r6);
        assertThat(cohorts).extracting(c -> c.get("previousRunId").asLong()).containsExactly(r1, r2, r4, r5);
        assertThat(cohorts).extracting(c -> c.get("entered").asLong()).containsExactly(7L, 1L, 0L, 1L);
        assertThat(cohorts).extracting(c -> c.get("excludedForConsent").asLong()).containsExactly(1L, 0L, 0L, 0L);
        assertThat(cohorts).extracting(c -> c.get("treatment").asLong()).containsExactly(3L, 1L, 0L, 1L);
        assertThat(cohorts).extracting(c -> c.get("control").asLong()).containsExactly(3L, 0L, 0L, 0L);
        assertThat(audienceMembers(id)).containsExactly(
                java.util.Map.entry("w02", "control,email,"), java.util.Map.entry("w03", "treatment,email,"),
                java.util.Map.entry("w04", "control,email,"), java.util.Map.entry("w06", "treatment,email,"),
                java.util.Map.entry("w07", "control,email,"), java.util.Map.entry("w08", "treatment,email,"),
                java.util.Map.entry("w10", "treatment,email,"), java.util.Map.entry("w11", "treatment,email,"));
        JsonNode audience = json(get("/api/v1/campaigns/" + id + "/audience", "application/json"));
        assertThat(audience.get("members").asLong()).isEqualTo(9);
        assertThat(audience.get("excludedForConsent").asLong()).isEqualTo(1);
        assertThat(audience.get("treatment").asLong()).isEqualTo(5);
        assertThat(audience.get("control").asLong()).isEqualTo(3);
        // only the treated are in the outbox, once each
        List<String> deliveries = lines(get("/api/v1/campaigns/" + id + "/deliveries", "text/csv").body());
        assertThat(deliveries.subList(1, deliveries.size())).extracting(row -> row.substring(0, row.indexOf(',')))
                .containsExactly("w03", "w06", "w08", "w10", "w11");

        // Conversions, a minute after the newest cohort formed (inside every cohort's 30-day window):
        //   cohort R2: treatment w03 100, w06 50 (2 of 3, 150); control w02 40 (1 of 3, 40), w04 a refund (not a conversion)
        //   cohort R3: treatment w10 60 (1 of 1); cohort R6: treatment w11 90 (1 of 1)
        //   w05 (excluded), w12 (entered while paused) and w15 (never entered) buy too and count nowhere.
        Instant at = Instant.parse(cohorts.get(3).get("formedAt").asText()).plusSeconds(60);
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                k-w03,w03,%1$s,100
                k-w06,w06,%1$s,50
                k-w02,w02,%1$s,40
                k-w04,w04,%1$s,-10
                k-w10,w10,%1$s,60
                k-w11,w11,%1$s,90
                k-w12,w12,%1$s,70
                k-w05,w05,%1$s,30
                k-w15,w15,%1$s,500
                """.formatted(at)).statusCode()).isEqualTo(200);

        view = json(get(alwaysOn(id), "application/json"));
        JsonNode first = view.get("cohorts").get(0).get("results");
        // cohort R2: 2/3 = 0.666667 against 1/3 = 0.333333; uplift 1/3; pooled p 3/6, se = √(0.25 × 2/3) = 0.408248,
        // z = 0.816497, p = 0.414216; revenue per customer 150/3 = 50, 40/3 = 13.3333
        assertThat(first.get("treatment").get("conversionRate").decimalValue()).isEqualByComparingTo("0.666667");
        assertThat(first.get("control").get("conversionRate").decimalValue()).isEqualByComparingTo("0.333333");
        assertThat(first.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.333333");
        assertThat(first.get("zScore").asDouble()).isCloseTo(0.816497, within(1e-6));
        assertThat(first.get("pValue").asDouble()).isCloseTo(0.414216, within(1e-6));
        assertThat(first.get("treatment").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("50");
        assertThat(first.get("control").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("13.3333");
        // uplift interval: se = √(2/3 · 1/3 / 3 + 1/3 · 2/3 / 3) = 0.384900; 1/3 ± 1.959964 × 0.384900 = −0.421057 … 1.087724
        assertThat(first.get("upliftInterval").get("low").decimalValue()).isEqualByComparingTo("-0.421057");
        assertThat(first.get("upliftInterval").get("high").decimalValue()).isEqualByComparingTo("1.087724");
        // R2's, R3's and R5's cohorts have a later run (R6); everyone there was a champion and still is: moved up 0
        assertThat(view.get("cohorts").get(0).get("laterRunId").asLong()).isEqualTo(r6);
        assertThat(first.get("treatment").get("movedUp").asLong()).isZero();
        assertThat(view.get("cohorts").get(3).get("laterRunId").isNull()).isTrue();
        assertThat(view.get("cohorts").get(3).get("results").get("treatment").get("movedUp").isNull()).isTrue();
        // cohort R3: treatment 1 of 1, no control: no uplift, no test
        JsonNode second = view.get("cohorts").get(1).get("results");
        assertThat(second.get("treatment").get("conversionRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(second.get("control").get("customers").asLong()).isZero();
        assertThat(second.get("absoluteUplift").isNull()).isTrue();
        assertThat(second.get("pValue").isNull()).isTrue();

        // Total: treatment 4 of 5 (w03, w06, w10, w11; not w08), revenue 300; control 1 of 3 (w02), revenue 40.
        // Uplift 4/5 − 1/3 = 7/15 = 0.466667, relative 1.4; pooled p = 5/8, se = √(0.625 × 0.375 × (1/5 + 1/3)) = 0.353553,
        // z = 1.319933, p = 0.186858; interval: se = √(0.8·0.2/5 + 1/3·2/3/3) = 0.325690, 7/15 ± 0.638341 = −0.171674 … 1.105008.
        JsonNode total = view.get("total");
        assertThat(total.get("treatment").get("customers").asLong()).isEqualTo(5);
        assertThat(total.get("treatment").get("converters").asLong()).isEqualTo(4);
        assertThat(total.get("treatment").get("revenue").decimalValue()).isEqualByComparingTo("300");
        assertThat(total.get("treatment").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("60");
        assertThat(total.get("control").get("customers").asLong()).isEqualTo(3);
        assertThat(total.get("control").get("converters").asLong()).isEqualTo(1);
        assertThat(total.get("control").get("revenuePerCustomer").decimalValue()).isEqualByComparingTo("13.3333");
        assertThat(total.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.466667");
        assertThat(total.get("relativeUplift").decimalValue()).isEqualByComparingTo("1.4");
        assertThat(total.get("zScore").asDouble()).isCloseTo(1.319933, within(1e-6));
        assertThat(total.get("pValue").asDouble()).isCloseTo(0.186858, within(1e-6));
        assertThat(total.get("upliftInterval").get("low").decimalValue()).isEqualByComparingTo("-0.171674");
        assertThat(total.get("upliftInterval").get("high").decimalValue()).isEqualByComparingTo("1.105008");
        // Migration over the three cohorts with a later run: treatment w03, w06, w08, w10 (0 of 4), control w02, w04, w07 (0 of 3).
        assertThat(view.get("cohortsWithLaterRun").asLong()).isEqualTo(3);
        assertThat(view.get("migration").get("treatment").get("customers").asLong()).isEqualTo(4);
        assertThat(view.get("migration").get("control").get("customers").asLong()).isEqualTo(3);
        assertThat(view.get("migration").get("migrationUplift").decimalValue()).isEqualByComparingTo("0");

        // Stop: the campaign completes, a further run forms no cohort, and every change is in the audit trail.
        HttpResponse<String> stopped = post(alwaysOn(id) + "/stop", "application/json", "{\"reason\": \"season over\"}");
        assertThat(json(stopped).get("state").asText()).isEqualTo("STOPPED");
        assertThat(json(stopped).get("stopReason").asText()).isEqualTo("season over");
        assertThat(json(get("/api/v1/campaigns/" + id, "application/json")).get("state").asText()).isEqualTo("COMPLETED");
        run("2024-08-01");
        assertThat(json(get(alwaysOn(id), "application/json")).get("cohorts")).hasSize(4);
        assertThat(post(alwaysOn(id) + "/resume", "application/json", "").statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("select detail from audit_events where subject_type = 'campaign' and subject_id = ? and detail like 'always-on%'"
                        + " order by id").param(Long.toString(id)).query(String.class).list())
                .containsExactly(
                        "always-on started (ACTIVE); customers who enter champions after run " + r1 + " form cohorts",
                        "always-on cohort of run " + r2 + ": 7 entered, 0 capped, 1 excluded for consent, 3 treated, 3 in the control group",
                        "always-on cohort of run " + r3 + ": 1 entered, 0 capped, 0 excluded for consent, 1 treated, 0 in the control group",
                        "always-on ACTIVE -> PAUSED",
                        "always-on PAUSED -> ACTIVE",
                        "always-on cohort of run " + r5 + ": 0 entered, 0 capped, 0 excluded for consent, 0 treated, 0 in the control group",
                        "always-on cohort of run " + r6 + ": 1 entered, 0 capped, 0 excluded for consent, 1 treated, 0 in the control group",
                        "always-on ACTIVE -> STOPPED: season over");
    }

    /**
     * Frequency caps hold for cohorts too. An email cap of 1 in 30 days; a win-back email to all of at_risk (control 0,
     * everyone but w05 consented: w01–w04, w06–w20 get one) launched after R1. In R2 w02–w08 enter champions: w05 is
     * excluded for consent, the six others already had their one email inside the window, so all six are capped and in
     * neither group: 7 entered = 1 excluded + 6 capped + 0 treated + 0 control, and the cohort is stored as such.
     */
    @Test
    void entrantsAlreadyEmailedInsideTheCapsWindowAreCappedInTheirCohortAndCountedApart() throws Exception {
        StringBuilder customers = new StringBuilder("customer_id,email,email_opt_in\n");
        AT_RISK.forEach(w -> customers.append(w).append(',').append(w).append("@example.com,").append(!w.equals("w05")).append('\n'));
        handMadeBase(customers.toString());
        activeRfmClassic();
        run("2024-06-30");
        HttpResponse<String> cap = put("/api/v1/frequency-caps/email", "{\"maxDeliveries\": 1, \"windowDays\": 30}");
        assertThat(cap.statusCode()).as(cap.body()).isEqualTo(200);
        long winBack = launchedCampaign(winBack("0"), null);
        assertThat(json(get("/api/v1/campaigns/" + winBack + "/audience", "application/json")).get("treatment").asLong()).isEqualTo(19);
        long id = createCampaign(ALWAYS_ON);
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        assertThat(post(alwaysOn(id), "application/json", "").statusCode()).isEqualTo(200);
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

        long r2 = run("2024-07-20");

        JsonNode stored = json(get(alwaysOn(id), "application/json")).get("cohorts");
        assertThat(stored).as("the cohort with capped entrants was stored").hasSize(1);
        JsonNode cohort = stored.get(0);
        assertThat(cohort.get("runId").asLong()).isEqualTo(r2);
        assertThat(cohort.get("entered").asLong()).isEqualTo(7);
        assertThat(cohort.get("excludedForConsent").asLong()).isEqualTo(1);
        assertThat(cohort.get("treatment").asLong()).isZero();
        assertThat(cohort.get("control").asLong()).isZero();
        assertThat(jdbc.sql("select capped from always_on_cohorts where campaign_id = ? and run_id = ?").params(id, r2).query(Long.class).single())
                .isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from campaign_deliveries where campaign_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select detail from audit_events where subject_type = 'campaign' and subject_id = ? and detail like 'always-on cohort%'")
                .param(Long.toString(id)).query(String.class).single())
                .isEqualTo("always-on cohort of run " + r2 + ": 7 entered, 6 capped, 1 excluded for consent, 0 treated, 0 in the control group");
    }

    private static String alwaysOn(long id) {
        return "/api/v1/campaigns/" + id + "/always-on";
    }
}
