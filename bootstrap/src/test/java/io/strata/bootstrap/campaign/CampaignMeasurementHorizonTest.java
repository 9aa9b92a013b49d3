package io.strata.bootstrap.campaign;

import tools.jackson.databind.JsonNode;
import io.strata.application.campaign.MeasuredResults;
import io.strata.application.campaign.port.in.MeasureCampaigns;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measurement after a run follows a campaign up to its horizon, 30 days (the default) after its attribution window
 * ends (docs/campaigns.md, "How long the measurement follows a campaign"). Until session 52 every run measured every
 * campaign ever launched again and moved its migration to the newest run: 30,000 campaigns took 94 s a run.
 *
 * <p>The base is {@link WinBackCampaignStoryTest}'s hand-made one; its figures are worked out there by hand. Three runs of
 * the one segmentation: the first as of 2024-06-30 (the audiences are frozen from it), the second as of 2024-07-20 (after
 * the story's orders: w02–w07 and w08 moved up), the third as of 2024-06-30 again, which counts no order of July, so its
 * assignments are the first's and nobody moved up against it.
 */
class CampaignMeasurementHorizonTest extends CampaignTestSupport {

    /** Window 2024-07-01 to 07-31, horizon 08-30: long past. */
    private static final String LONG_AGO = "2024-07-01T12:00:00Z";

    private static final String STORY_ORDERS = """
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
            """;

    @Autowired
    MeasureCampaigns measures;

    @Test
    void aCampaignWithinItsHorizonIsMeasuredAfterANewRunAndOneBeyondItKeepsTheResultsItHad() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        nextCampaignId(1001);
        long old = launchedCampaign(winBack("20"), LONG_AGO);
        // launched now without a control group: its horizon is 60 days ahead; members w02–w19 (w01 refused email, w20 never said)
        long recent = launchedCampaign(winBack("0"), null);
        assertThat(importOrders(STORY_ORDERS).statusCode()).isEqualTo(200);

        long second = run("2024-07-20");
        // the old campaign: its first measurement past the horizon with a later run, so its last (the story's figures)
        MeasuredResults oldAfterSecond = measures.measuredResults(old).orElseThrow();
        assertThat(oldAfterSecond.results().laterRunId()).isEqualTo(second);
        assertThat(oldAfterSecond.results().result().treatment().movedUp()).isEqualTo(6);
        assertThat(oldAfterSecond.results().result().control().movedUp()).isEqualTo(1);
        assertThat(oldAfterSecond.results().result().treatment().converters()).isEqualTo(7);
        // the recent one: 18 treated, w02–w08 moved up, none of the July orders is in its window
        MeasuredResults recentAfterSecond = measures.measuredResults(recent).orElseThrow();
        assertThat(recentAfterSecond.results().laterRunId()).isEqualTo(second);
        assertThat(recentAfterSecond.results().result().treatment().customers()).isEqualTo(18);
        assertThat(recentAfterSecond.results().result().treatment().movedUp()).isEqualTo(7);
        assertThat(recentAfterSecond.results().result().treatment().converters()).isZero();

        long third = run("2024-06-30");
        // within its horizon: measured again, against the third run, where nobody moved up
        MeasuredResults recentAfterThird = measures.measuredResults(recent).orElseThrow();
        assertThat(recentAfterThird.measuredAt()).isAfter(recentAfterSecond.measuredAt());
        assertThat(recentAfterThird.results().laterRunId()).isEqualTo(third);
        assertThat(recentAfterThird.results().result().treatment().customers()).isEqualTo(18);
        assertThat(recentAfterThird.results().result().treatment().movedUp()).isZero();
        JsonNode recentResults = json(get("/api/v1/campaigns/" + recent + "/results"));
        assertThat(recentResults.get("laterRunId").asLong()).isEqualTo(third);
        assertThat(recentResults.get("treatment").get("movedUp").asLong()).isZero();

        // beyond its horizon: not measured again, and both its page and the API still say what they said after the second run
        MeasuredResults oldAfterThird = measures.measuredResults(old).orElseThrow();
        assertThat(oldAfterThird.measuredAt()).isEqualTo(oldAfterSecond.measuredAt());
        assertThat(oldAfterThird.results().laterRunId()).isEqualTo(second);
        assertThat(oldAfterThird.results().result().treatment().movedUp()).isEqualTo(6);
        assertThat(oldAfterThird.results().result().control().movedUp()).isEqualTo(1);
        HttpResponse<String> api = get("/api/v1/campaigns/" + old + "/results");
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode oldResults = json(api);
        assertThat(oldResults.get("laterRunId").asLong()).isEqualTo(second);
        assertThat(oldResults.get("treatment").get("customers").asLong()).isEqualTo(14);
        assertThat(oldResults.get("treatment").get("converters").asLong()).isEqualTo(7);
        assertThat(oldResults.get("treatment").get("movedUp").asLong()).isEqualTo(6);
        assertThat(oldResults.get("control").get("movedUp").asLong()).isEqualTo(1);
        assertThat(oldResults.get("migrationUplift").decimalValue()).isEqualByComparingTo("0.178571"); // 6/14 − 1/4

        // the console's "Measure now" (a planner after a late orders import) measures its orders again, not its migration
        measures.measure(old);
        MeasuredResults remeasured = measures.measuredResults(old).orElseThrow();
        assertThat(remeasured.measuredAt()).isAfter(oldAfterThird.measuredAt());
        assertThat(remeasured.results().laterRunId()).isEqualTo(second);
        assertThat(remeasured.results().result().treatment().movedUp()).isEqualTo(6);
    }

    @Test
    void aRunMeasuresOnlyTheCampaignsStillFollowedHoweverManyOldOnesThereAre() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        List<Long> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(launchedCampaign(winBack("20"), LONG_AGO));
        }
        long recent = launchedCampaign(winBack("0"), null);
        long second = run("2024-07-20");
        // each measured once more by the second run, past its horizon and with a later run: settled on the second run
        assertThat(jdbc.sql("select count(*) from campaigns where measurement_settled_at is not null and settled_later_run_id = ?")
                .param(second).query(Long.class).single()).isEqualTo(25);

        // as the base stood before changeset 550, every campaign measured past its horizon but none settled yet: the next
        // run settles them on the run they were measured against, without measuring them
        jdbc.sql("update campaigns set measurement_settled_at = null, settled_later_run_id = null").update();
        Instant beforeTheRun = Instant.now();
        long third = run("2024-06-30");
        assertThat(jdbc.sql("select campaign_id from campaign_measurements where measured_at > ?").param(Timestamp.from(beforeTheRun))
                .query(Long.class).list()).containsExactly(recent);
        assertThat(jdbc.sql("select count(*) from campaigns where measurement_settled_at is not null and settled_later_run_id = ?")
                .param(second).query(Long.class).single()).isEqualTo(25);
        assertThat(jdbc.sql("select count(*) from campaign_measurements where later_run_id = ?").param(third).query(Long.class).single())
                .isEqualTo(1);
        for (long id : List.of(old.get(0), old.get(24))) {
            assertThat(json(get("/api/v1/campaigns/" + id + "/results")).get("laterRunId").asLong()).isEqualTo(second);
        }
    }
}
