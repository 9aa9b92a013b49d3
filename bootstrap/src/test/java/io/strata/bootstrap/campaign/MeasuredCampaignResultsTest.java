package io.strata.bootstrap.campaign;

import io.strata.application.campaign.ConversionDay;
import io.strata.application.campaign.MeasuredResults;
import io.strata.application.campaign.port.in.MeasureCampaigns;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A launched campaign's page reads its results as measured at the launch, after each completed run and at the
 * completion (issue 18: computed from the whole audience per visit, the page took 6.2 s at 10M customers). The kept
 * figures are those of {@link WinBackCampaignStoryTest}'s hand-made case, worked out there by hand: they must equal what
 * the API computes from the audience, and a new run must refresh them.
 */
class MeasuredCampaignResultsTest extends CampaignTestSupport {

    private static final String LAUNCH = "2024-07-01T12:00:00Z";

    @Autowired
    MeasureCampaigns measures;

    @Test
    void theResultsKeptAtTheLaunchAndAfterEachRunAreTheAudiencesFiguresAndANewRunRefreshesThem() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        nextCampaignId(1001);
        long id = createCampaign(winBack("20"));
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        assertThat(action(id, "launch", "{\"launchAt\":\"" + LAUNCH + "\"}").statusCode()).isEqualTo(200);

        // At the launch: treatment 14 and control 4 (w08, w09, w14, w17; see the story), nobody has ordered, no later run.
        MeasuredResults atLaunch = measures.measuredResults(id).orElseThrow();
        assertThat(atLaunch.results().result().treatment().customers()).isEqualTo(14);
        assertThat(atLaunch.results().result().treatment().converters()).isZero();
        assertThat(atLaunch.results().result().control().customers()).isEqualTo(4);
        assertThat(atLaunch.results().laterRunId()).isNull();
        assertThat(atLaunch.results().result().treatment().movedUp()).isNull();
        assertThat(atLaunch.effect().days()).isEmpty();

        // The story's orders after the launch: treatment converters w02 50 (07-01), w03–w07 40+60+80+100+120 (07-10),
        // w10 30 (07-25) → 7 converters, 480; w11's refund and w12's order at the window end do not count; control w08 70 (07-10).
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
        // an import measures nothing: the page still says what was measured at the launch, and when
        MeasuredResults beforeTheRun = measures.measuredResults(id).orElseThrow();
        assertThat(beforeTheRun.measuredAt()).isEqualTo(atLaunch.measuredAt());
        assertThat(beforeTheRun.results().result().treatment().converters()).isZero();

        // The next run (its follow-ups awaited) measures again: w02–w07 moved up (6 of 14), w08 (1 of 4).
        long laterRun = run("2024-07-20");
        MeasuredResults afterTheRun = measures.measuredResults(id).orElseThrow();
        assertThat(afterTheRun.measuredAt()).isAfterOrEqualTo(atLaunch.measuredAt());
        var treatment = afterTheRun.results().result().treatment();
        var control = afterTheRun.results().result().control();
        assertThat(afterTheRun.results().laterRunId()).isEqualTo(laterRun);
        assertThat(treatment.customers()).isEqualTo(14);
        assertThat(treatment.converters()).isEqualTo(7);
        assertThat(treatment.revenue()).isEqualByComparingTo("480");
        assertThat(treatment.movedUp()).isEqualTo(6);
        assertThat(control.customers()).isEqualTo(4);
        assertThat(control.converters()).isEqualTo(1);
        assertThat(control.revenue()).isEqualByComparingTo("70");
        assertThat(control.movedUp()).isEqualTo(1);
        // z-test as in the story: p = 0.374857
        assertThat(afterTheRun.results().result().significance().orElseThrow().pValue()).isCloseTo(0.374857, within(1e-6));
        // first conversions per day: 07-01 w02; 07-10 w03–w07 and w08; 07-25 w10
        assertThat(afterTheRun.effect().days()).containsExactly(new ConversionDay(LocalDate.parse("2024-07-01"), 1, 0),
                new ConversionDay(LocalDate.parse("2024-07-10"), 5, 1), new ConversionDay(LocalDate.parse("2024-07-25"), 1, 0));
        // incremental revenue: (480 / 14 − 70 / 4) × 14 = 480 − 245 = 235
        assertThat(afterTheRun.effect().incrementalRevenue().estimate()).isEqualByComparingTo("235");

        // the kept figures are the ones the API computes from the audience now
        assertThat(afterTheRun.results()).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(measures.results(id));
        assertThat(afterTheRun.effect()).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(measures.revenueAndTimeline(id));

        // completing measures once more
        assertThat(action(id, "complete", "").statusCode()).isEqualTo(200);
        MeasuredResults completed = measures.measuredResults(id).orElseThrow();
        assertThat(completed.measuredAt()).isAfter(afterTheRun.measuredAt());
        assertThat(completed.results().state().name()).isEqualTo("COMPLETED");
        assertThat(completed.results().result().treatment().converters()).isEqualTo(7);
    }
}
