package io.strata.bootstrap.campaign;

import io.strata.domain.campaign.ControlGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A campaign for at_risk with a different action per tactical segment, over HTTP on {@link CampaignTestSupport#tacticalBase()}:
 * default email; smart TV viewers (w01–w08) an SMS; Paris customers (w05–w12) a push, listed second, so w05–w08, in both,
 * get the SMS. Who gets what, who is excluded, the control group and the results per action list are computed by hand.
 */
class TacticalActionsCampaignStoryTest extends CampaignTestSupport {

    private static final long CAMPAIGN = 2006;
    private static final String LAUNCH = "2024-07-01T12:00:00Z";

    private TacticalBase base;

    @BeforeEach
    void tacticalSegmentsOfAtRisk() throws Exception {
        base = tacticalBase();
    }

    private String plan() {
        return """
                {"name": "Win back by screen and city", "objective": "move at_risk up", "targetSegment": "at_risk",
                 "actions": [{"channel": "email", "content": "template:winback-1"}],
                 "tacticalActions": [{"tacticalSegmentId": %d, "channel": "sms", "content": "TV night: 20 percent off"},
                                     {"tacticalSegmentId": %d, "channel": "push", "content": "Paris store event"}],
                 "controlGroupPercent": 30, "attributionWindowDays": 30}""".formatted(base.smartTv(), base.paris());
    }

    @Test
    void eachMemberGetsTheActionOfTheirFirstTacticalSegmentIsExcludedWithoutItsConsentAndResultsAreSplitPerActionList() throws Exception {
        nextCampaignId(CAMPAIGN);
        long id = launchedCampaign(plan(), LAUNCH);
        assertThat(id).isEqualTo(CAMPAIGN);
        String tv = Long.toString(base.smartTv());
        String paris = Long.toString(base.paris());

        // Action lists: smart TV w01–w08 (SMS); Paris only w09–w12 (push); the default email for w13–w20.
        // Consent for the list's own channel: w07 refused SMS and w08 was never asked, although both have email and push
        // consent: excluded, no fallback; w12 refused push; w13 refused email (its SMS consent does not matter), w20 was never asked.
        // Control group (30 %): the first 8 bytes of sha256("2006:wNN") are below 0.3 × 2^64 = 0x4ccccccccccccccc.cc for
        // w01 (087d…), w04 (1989…), w05 (18e4…), w10 (45a9…), w12 (05ec…), w14 (0a09…), w16 (2b50…), and for no one else
        // (printf '2006:w02' | sha256sum → a8f0…); w12 is excluded first, so the control group is the other six.
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("w01", "control,sms," + tv), Map.entry("w02", "treatment,sms," + tv), Map.entry("w03", "treatment,sms," + tv),
                Map.entry("w04", "control,sms," + tv), Map.entry("w05", "control,sms," + tv), Map.entry("w06", "treatment,sms," + tv),
                Map.entry("w09", "treatment,push," + paris), Map.entry("w10", "control,push," + paris), Map.entry("w11", "treatment,push," + paris),
                Map.entry("w14", "control,email,"), Map.entry("w15", "treatment,email,"), Map.entry("w16", "control,email,"),
                Map.entry("w17", "treatment,email,"), Map.entry("w18", "treatment,email,"), Map.entry("w19", "treatment,email,")));
        Map<String, String> members = audienceMembers(id);
        assertThat(members).isEqualTo(expected);
        ControlGroup formula = new ControlGroup(new BigDecimal("30"));
        members.forEach((customer, row) -> assertThat(row).startsWith(formula.contains(id, customer) ? "control," : "treatment,"));

        JsonNode audience = json(get("/api/v1/campaigns/" + id + "/audience"));
        assertThat(audience.get("members").asLong()).isEqualTo(20);
        assertThat(audience.get("excludedForConsent").asLong()).isEqualTo(5);
        assertThat(audience.get("treatment").asLong()).isEqualTo(9);
        assertThat(audience.get("control").asLong()).isEqualTo(6);
        // positions: the email 0, the smart TV SMS 1, the Paris push 2
        assertThat(rows(audience.get("byAction"), a -> a.get("group").asText() + " "
                + (a.get("tacticalSegmentId").isNull() ? "null" : a.get("tacticalSegmentId").asLong()) + " " + a.get("actionPosition").asInt() + " " + a.get("channel").asText() + " " + a.get("customers").asLong()))
                .containsExactly("TREATMENT null 0 email 4", "TREATMENT " + tv + " 1 sms 3", "TREATMENT " + paris + " 2 push 2",
                        "CONTROL null 0 email 2", "CONTROL " + tv + " 1 sms 3", "CONTROL " + paris + " 2 push 1");

        // Deliveries: the nine treated customers, each with the action of their list and the list's id.
        List<String> csv = lines(get("/api/v1/campaigns/" + id + "/deliveries", "text/csv").body());
        assertThat(csv.get(0)).isEqualTo("customer_id,email,phone,channel,content,discount_percent,status,attempts,last_error,tactical_segment_id,destination");
        assertThat(csv.subList(1, csv.size())).containsExactly(
                "w02,w02@example.com,+33100000002,sms,TV night: 20 percent off,,PENDING,0,," + tv + ",STRATA_DISPATCH_WEBHOOK_URL",
                "w03,w03@example.com,+33100000003,sms,TV night: 20 percent off,,PENDING,0,," + tv + ",STRATA_DISPATCH_WEBHOOK_URL",
                "w06,w06@example.com,+33100000006,sms,TV night: 20 percent off,,PENDING,0,," + tv + ",STRATA_DISPATCH_WEBHOOK_URL",
                "w09,w09@example.com,+33100000009,push,Paris store event,,PENDING,0,," + paris + ",STRATA_DISPATCH_WEBHOOK_URL",
                "w11,w11@example.com,+33100000011,push,Paris store event,,PENDING,0,," + paris + ",STRATA_DISPATCH_WEBHOOK_URL",
                "w15,w15@example.com,+33100000015,email,template:winback-1,,PENDING,0,,,STRATA_DISPATCH_WEBHOOK_URL",
                "w17,w17@example.com,+33100000017,email,template:winback-1,,PENDING,0,,,STRATA_DISPATCH_WEBHOOK_URL",
                "w18,w18@example.com,+33100000018,email,template:winback-1,,PENDING,0,,,STRATA_DISPATCH_WEBHOOK_URL",
                "w19,w19@example.com,+33100000019,email,template:winback-1,,PENDING,0,,,STRATA_DISPATCH_WEBHOOK_URL");
        List<String> ndjson = lines(get("/api/v1/campaigns/" + id + "/deliveries", "application/x-ndjson").body());
        assertThat(JSON.readTree(ndjson.get(3)).get("tactical_segment_id").asLong()).isEqualTo(base.paris());
        assertThat(JSON.readTree(ndjson.get(5)).get("tactical_segment_id").isNull()).isTrue();

        // Orders after the launch, window [07-01T12:00Z, 07-31T12:00Z):
        //   default list: treatment w15 50, w17 30, w18 20 (3 of 4, revenue 100); control w14 40 (1 of 2)
        //   smart TV:     treatment w02 60, w03 25 (2 of 3, revenue 85); control: w01's refund of −10 is no conversion (0 of 3)
        //   Paris:        treatment w09 35 (1 of 2); control w10 nothing (0 of 1)
        //   w07, excluded, buys 80: in no group
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                t-w15,w15,2024-07-02T10:00:00Z,50
                t-w17,w17,2024-07-03T10:00:00Z,30
                t-w18,w18,2024-07-04T10:00:00Z,20
                t-w14,w14,2024-07-05T10:00:00Z,40
                t-w02,w02,2024-07-02T10:00:00Z,60
                t-w03,w03,2024-07-06T10:00:00Z,25
                t-w01,w01,2024-07-02T10:00:00Z,-10
                t-w09,w09,2024-07-08T10:00:00Z,35
                t-w07,w07,2024-07-02T10:00:00Z,80
                """).statusCode()).isEqualTo(200);

        JsonNode results = json(get("/api/v1/campaigns/" + id + "/results"));
        // The whole audience, as before: treatment 6 of 9, control 1 of 6; uplift 6/9 − 1/6 = (36 − 9)/54 = 0.5, relative 0.5 / (1/6) = 3;
        // pooled p = 7/15, se = sqrt(7/15 × 8/15 × (1/9 + 1/6)) = 0.262937, z = 1.901597, p = 0.057224
        assertThat(results.get("treatment").get("customers").asLong()).isEqualTo(9);
        assertThat(results.get("treatment").get("converters").asLong()).isEqualTo(6);
        assertThat(results.get("treatment").get("revenue").decimalValue()).isEqualByComparingTo("220");
        assertThat(results.get("control").get("customers").asLong()).isEqualTo(6);
        assertThat(results.get("control").get("converters").asLong()).isEqualTo(1);
        assertThat(results.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(results.get("relativeUplift").decimalValue()).isEqualByComparingTo("3");
        assertThat(results.get("zScore").asDouble()).isCloseTo(1.901597, within(1e-6));
        assertThat(results.get("pValue").asDouble()).isCloseTo(0.057224, within(1e-6));

        JsonNode byList = results.get("byActionList");
        assertThat(byList.size()).isEqualTo(3);
        // default: 3/4 = 0.75 against 1/2 = 0.5: +0.25, relative 0.5; revenue per customer 100/4 = 25 and 40/2 = 20;
        // pooled 4/6, se = sqrt(2/3 × 1/3 × (1/4 + 1/2)) = sqrt(1/6) = 0.408248, z = 0.612372, p = 0.540291
        JsonNode defaults = byList.get(0);
        assertThat(defaults.get("tacticalSegmentId").isNull()).isTrue();
        assertThat(defaults.get("actions").get(0).get("channel").asText()).isEqualTo("email");
        expectGroup(defaults.get("treatment"), 4, 3, "0.75", "25");
        expectGroup(defaults.get("control"), 2, 1, "0.5", "20");
        assertThat(defaults.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(defaults.get("relativeUplift").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(defaults.get("zScore").asDouble()).isCloseTo(0.612372, within(1e-6));
        assertThat(defaults.get("pValue").asDouble()).isCloseTo(0.540291, within(1e-6));
        // smart TV: 2/3 against 0/3: +0.666667, relative undefined (nobody in control converted);
        // pooled 2/6, se = sqrt(1/3 × 2/3 × 2/3) = 0.384900, z = 1.732051, p = 0.083265
        JsonNode smartTv = byList.get(1);
        assertThat(smartTv.get("tacticalSegmentId").asLong()).isEqualTo(base.smartTv());
        assertThat(smartTv.get("actions").get(0).get("content").asText()).isEqualTo("TV night: 20 percent off");
        expectGroup(smartTv.get("treatment"), 3, 2, "0.666667", "28.3333");
        expectGroup(smartTv.get("control"), 3, 0, "0", "0");
        assertThat(smartTv.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.666667");
        assertThat(smartTv.get("relativeUplift").isNull()).isTrue();
        assertThat(smartTv.get("zScore").asDouble()).isCloseTo(1.732051, within(1e-6));
        assertThat(smartTv.get("pValue").asDouble()).isCloseTo(0.083265, within(1e-6));
        // Paris: 1/2 against 0/1: +0.5; pooled 1/3, se = sqrt(1/3 × 2/3 × (1/2 + 1)) = 0.577350, z = 0.866025, p = 0.386476
        JsonNode parisList = byList.get(2);
        assertThat(parisList.get("tacticalSegmentId").asLong()).isEqualTo(base.paris());
        expectGroup(parisList.get("treatment"), 2, 1, "0.5", "17.5");
        expectGroup(parisList.get("control"), 1, 0, "0", "0");
        assertThat(parisList.get("absoluteUplift").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(parisList.get("zScore").asDouble()).isCloseTo(0.866025, within(1e-6));
        assertThat(parisList.get("pValue").asDouble()).isCloseTo(0.386476, within(1e-6));
        assertThat(defaults.get("migrationUplift").isNull()).as("no later run yet").isTrue();
    }

    @Test
    void launchingTheSamePlanUnderTheSameCampaignIdAgainReproducesGroupsAndActionLists() throws Exception {
        nextCampaignId(CAMPAIGN);
        long first = launchedCampaign(plan(), LAUNCH);
        Map<String, String> frozen = audienceMembers(first);
        // Strata deletes no campaign; removing its rows is what restoring the database from before the launch would do
        jdbc.sql("delete from campaigns where campaign_id = ?").param(first).update();

        nextCampaignId(CAMPAIGN);
        long again = launchedCampaign(plan(), LAUNCH);

        assertThat(again).isEqualTo(first);
        assertThat(audienceMembers(again)).isEqualTo(frozen).hasSize(15);
        HttpResponse<String> relaunch = action(again, "launch", "");
        assertThat(relaunch.statusCode()).as("a running campaign is not launched twice").isEqualTo(409);
    }

    @Test
    void aTacticalSegmentOfAnotherSegmentIsRefusedWhenPlannedAndWhenAStoredPlanNamesOneAtLaunch() throws Exception {
        String outside = plan().replace("\"tacticalSegmentId\": " + base.paris(), "\"tacticalSegmentId\": " + base.parisSleepers());

        HttpResponse<String> planned = post("/api/v1/campaigns", "application/json", outside);
        HttpResponse<String> narrowed = post("/api/v1/campaigns", "application/json", winBack("10")
                .replace("\"targetSegment\": \"at_risk\",", "\"targetSegment\": \"at_risk\", \"tacticalSegmentId\": " + base.parisSleepers() + ","));

        assertThat(planned.statusCode()).isEqualTo(400);
        assertThat(planned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(planned).get("field").asText()).isEqualTo("tacticalActions[1].tacticalSegmentId");
        assertThat(json(planned).get("detail").asText()).contains("tactical segment " + base.parisSleepers() + " 'Paris sleepers' lies inside"
                + " about_to_sleep, not inside the target segment at_risk").contains("choose one of at_risk's tactical segments");
        assertThat(narrowed.statusCode()).isEqualTo(400);
        assertThat(json(narrowed).get("field").asText()).isEqualTo("tacticalSegmentId");

        // A draft stored before plans were checked for this (earlier versions took any tactical segment id) is refused at launch,
        // before anything is frozen.
        long id = createCampaign(plan());
        jdbc.sql("update campaign_actions set tactical_segment_id = ? where campaign_id = ? and tactical_segment_id = ?")
                .params(base.parisSleepers(), id, base.paris()).update();
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);

        HttpResponse<String> launch = action(id, "launch", "");

        assertThat(launch.statusCode()).isEqualTo(409);
        assertThat(launch.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(launch);
        assertThat(problem.get("tacticalSegmentId").asLong()).isEqualTo(base.parisSleepers());
        assertThat(problem.get("parentSegment").asText()).isEqualTo("about_to_sleep");
        assertThat(problem.get("targetSegment").asText()).isEqualTo("at_risk");
        assertThat(problem.get("detail").asText()).contains("'Paris sleepers', which lies inside about_to_sleep, not inside the target segment"
                + " at_risk").contains("Cancel the campaign and plan it again");
        assertThat(json(get("/api/v1/campaigns/" + id)).get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(jdbc.sql("select count(*) from campaign_audience where campaign_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void aTacticalSegmentWithoutMembersInTheLatestRunIsRefusedAtLaunchUntilTheSegmentationRunsAgain() throws Exception {
        long later = tacticalSegment("Mail readers", "at_risk", "email_opt_in = true");
        long id = createCampaign(plan().replace("\"tacticalSegmentId\": " + base.paris(), "\"tacticalSegmentId\": " + later));
        action(id, "schedule", "");

        HttpResponse<String> refused = action(id, "launch", "");
        run("2024-06-30");
        HttpResponse<String> launched = action(id, "launch", "");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("tactical segment " + later + " 'Mail readers'")
                .contains("has no members computed for it").contains("run the segmentation again");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        // the mail readers of at_risk are w01–w19 without w13; the smart TV viewers w01–w08 come first, the rest get the mail
        assertThat(json(get("/api/v1/campaigns/" + id + "/audience")).get("byAction").toString()).contains("\"tacticalSegmentId\":" + later);
    }

    /**
     * A tactical segment archived after a campaign named it (a new version of it saved, or archived by hand): no run
     * computes its members any more. A draft naming it is not scheduled (it can still be edited); a campaign scheduled
     * before is refused at launch with what helps, once a run has computed memberships without it. Before session 56
     * the draft was scheduled, and the launch was refused for good with "run the segmentation again and launch then",
     * which never helped.
     */
    @Test
    void aTacticalSegmentArchivedAfterPlanningIsRefusedWhenScheduledAndItsLaunchSaysToPlanAgain() throws Exception {
        long draft = createCampaign(plan());
        long scheduled = createCampaign(plan());
        assertThat(action(scheduled, "schedule", "").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/tactical-segments/" + base.paris() + "/archive", "application/json", "").statusCode()).isEqualTo(200);

        HttpResponse<String> scheduling = action(draft, "schedule", "");

        assertThat(scheduling.statusCode()).as(scheduling.body()).isEqualTo(409);
        assertThat(scheduling.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(scheduling).get("detail").asText()).isEqualTo("campaign " + draft + " names tactical segment " + base.paris()
                + " 'Paris', which was archived after the campaign was planned, so runs no longer compute its members and the campaign"
                + " could not launch once a run has computed memberships without it; edit the draft to name an active tactical segment"
                + " of at_risk (or none), then schedule it");
        assertThat(json(scheduling).get("fix").asText()).isEqualTo("GET /api/v1/tactical-segments lists each one's parentSegment");
        assertThat(json(get("/api/v1/campaigns/" + draft)).get("state").asText()).isEqualTo("DRAFT");

        run("2024-06-30");
        HttpResponse<String> launch = action(scheduled, "launch", "");

        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(409);
        assertThat(launch.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        long latestRun = jdbc.sql("select max(run_id) from segmentation_runs where status = 'COMPLETED'").query(Long.class).single();
        assertThat(json(launch).get("detail").asText()).isEqualTo("campaign " + scheduled + " names tactical segment " + base.paris()
                + " 'Paris', which is archived: no run computes its members any more, and run " + latestRun + ", the latest completed run,"
                + " has none, so running the segmentation again would not help. Cancel the campaign and plan it again with an active"
                + " tactical segment of at_risk");
        assertThat(json(launch).get("fix").asText()).isEqualTo("GET /api/v1/tactical-segments lists each one's parentSegment");
        assertThat(json(get("/api/v1/campaigns/" + scheduled)).get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(jdbc.sql("select count(*) from campaign_audience where campaign_id = ?").param(scheduled).query(Long.class).single()).isZero();
        assertThat(action(scheduled, "cancel", "").statusCode()).as("what the refusal says can be done").isEqualTo(200);
    }

    private static void expectGroup(JsonNode group, long customers, long converters, String rate, String revenuePerCustomer) {
        assertThat(group.get("customers").asLong()).isEqualTo(customers);
        assertThat(group.get("converters").asLong()).isEqualTo(converters);
        assertThat(group.get("conversionRate").decimalValue()).isEqualByComparingTo(rate);
        assertThat(group.get("revenuePerCustomer").decimalValue()).isEqualByComparingTo(revenuePerCustomer);
    }

    private static List<String> rows(JsonNode array, java.util.function.Function<JsonNode, String> row) {
        List<String> rows = new ArrayList<>();
        array.forEach(node -> rows.add(row.apply(node)));
        return rows;
    }
}
