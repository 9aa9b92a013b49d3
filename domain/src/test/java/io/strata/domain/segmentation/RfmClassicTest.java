package io.strata.domain.segmentation;

import io.strata.domain.history.CustomerHistory;
import io.strata.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.strata.domain.segmentation.CustomerBuilder.customer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * rfm-classic on 12 buyers and 3 non-buyers as of 2024-06-30, every score worked out by hand. With N = 12 the
 * score 1 + floor(5 (rank − 1) / 12) is 1 for ranks 1–3, 2 for 4–5, 3 for 6–8, 4 for 9–10 and 5 for 11–12.
 */
class RfmClassicTest {

    static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    static final List<CustomerHistory> POPULATION = List.of(
            // recency 0, F 1, M 20; the order after the as-of day is ignored
            customer("b01").order("2024-06-30", "20").orderAt(Instant.parse("2024-07-01T00:00:00Z"), null, "999").build(),
            // the last second of the as-of day still counts: recency 0, F 1, M 20 (ties with b01 in R, F and M)
            customer("b02").orderAt(Instant.parse("2024-06-30T23:59:59Z"), null, "20").build(),
            // a return order (total -30) reduces M but is no purchase: recency 5 from the 25th, F 1, M 70
            customer("b03").order("2024-06-25", "100").order("2024-06-27", "-30").build(),
            customer("b04").order("2024-05-01", "50").build(), // recency 60, F 1, M 50
            customer("b05").order("2024-01-01", "300").build(), // recency 181, F 1, M 300
            customer("b06").order("2024-03-01", "40").order("2024-06-25", "40").build(), // recency 5, F 2, M 80
            // a fully refunded order (lines 100 and -100, total 0) counts neither in F nor in recency: 90, F 2, M 120
            customer("b07").order("2024-02-01", "60").order("2024-04-01", "60").order("2024-06-29", "100", "-100").build(),
            customer("b08").order("2024-03-01", "40").order("2024-05-01", "30").order("2024-06-28", "30").build(), // 2, F 3, M 100
            customer("b09").order("2023-09-01", "100").order("2023-10-01", "100").order("2023-11-01", "100")
                    .order("2023-12-01", "100").build(), // recency 212, F 4, M 400
            customer("b10").order("2024-02-20", "50").order("2024-03-20", "50").order("2024-04-20", "50")
                    .order("2024-05-20", "50").order("2024-06-20", "50").build(), // recency 10, F 5, M 250
            customer("b11").order("2023-08-01", "100").order("2023-09-01", "100").order("2023-10-01", "100")
                    .order("2023-11-01", "100").order("2023-12-01", "100").order("2024-01-01", "100").build(), // 181, F 6, M 600
            // a partial return inside one order (80 and -30, total 50): recency 1, F 1, M 50 (ties with b04 in M)
            customer("b12").order("2024-06-29", "80", "-30").build(),
            customer("p13").build(), // no orders at all
            customer("p14").order("2024-06-01", "40", "-40").build(), // only a fully refunded order
            customer("p15").order("2024-06-01", "-25").build()); // only a refund: monetary -25

    final SegmentationResult result = SegmentationReference.withoutConditions()
            .run(SegmentationTemplates.instantiate("rfm-classic", "RFM"), AS_OF, POPULATION);

    @Test
    void recencyRanksTheMostRecentBuyersLastSoTheyScoreFive() {
        // recency descending: 212 | 181 181 | 90 | 60 | 10 | 5 5 | 2 | 1 | 0 0 → ranks 1, 2, 2, 4, 5, 6, 7, 7, 9, 10, 11, 11
        assertScores("b09", 1, 4, 5);
        assertScores("b05", 1, 1, 4);
        assertScores("b11", 1, 5, 5);
        assertScores("b07", 2, 3, 3);
        assertScores("b04", 2, 1, 1);
        assertScores("b10", 3, 5, 4);
        assertScores("b03", 3, 1, 2);
        assertScores("b06", 3, 3, 3);
        assertScores("b08", 4, 4, 3);
        assertScores("b12", 4, 1, 1);
        assertScores("b01", 5, 1, 1);
        assertScores("b02", 5, 1, 1);
    }

    @Test
    void manyOneTimeBuyersShareTheLowestFrequencyRankAndAllScoreOne() {
        // six buyers with F = 1 share rank 1; frequency 2 ranks 7, 3 ranks 9, 4 ranks 10, 5 ranks 11, 6 ranks 12
        assertThat(result.assignments()).filteredOn(a -> a.metrics().frequency() == 1).hasSize(6)
                .allSatisfy(a -> assertThat(a.f()).isEqualTo(1));
    }

    @Test
    void monetaryTiesShareAScoreAndReturnsLowerIt() {
        // monetary ascending: 20 20 | 50 50 | 70 | 80 | 100 | 120 | 250 | 300 | 400 | 600
        assertThat(metricsOf("b03").monetary()).isEqualByComparingTo("70");
        assertThat(metricsOf("b12").monetary()).isEqualByComparingTo("50");
        assertThat(assignmentOf("b12").m()).isEqualTo(assignmentOf("b04").m()).isEqualTo(1);
        assertThat(assignmentOf("b03").m()).isEqualTo(2);
    }

    @Test
    void aFullyRefundedOrderIsNoPurchase() {
        assertThat(metricsOf("b07").frequency()).isEqualTo(2);
        assertThat(metricsOf("b07").recencyDays()).isEqualTo(90);
        assertThat(metricsOf("b07").monetary()).isEqualByComparingTo("120");
    }

    @Test
    void everyBuyerIsInTheSegmentOfItsRAndFCell() {
        assertSegment("b01", "new_customers"); // R5 F1
        assertSegment("b02", "new_customers"); // R5 F1
        assertSegment("b03", "about_to_sleep"); // R3 F1
        assertSegment("b04", "hibernating"); // R2 F1
        assertSegment("b05", "hibernating"); // R1 F1
        assertSegment("b06", "need_attention"); // R3 F3
        assertSegment("b07", "at_risk"); // R2 F3
        assertSegment("b08", "loyal_customers"); // R4 F4
        assertSegment("b09", "at_risk"); // R1 F4
        assertSegment("b10", "loyal_customers"); // R3 F5
        assertSegment("b11", "cant_lose"); // R1 F5
        assertSegment("b12", "promising"); // R4 F1
    }

    @Test
    void customersWithoutPurchasesAreProspectsWithoutScoresOrRecency() {
        for (String id : List.of("p13", "p14", "p15")) {
            Assignment prospect = assignmentOf(id);
            assertThat(prospect.segmentKey()).as(id).isEqualTo("prospects");
            assertThat(prospect.r()).as(id).isNull();
            assertThat(prospect.f()).as(id).isNull();
            assertThat(prospect.m()).as(id).isNull();
            assertThat(prospect.metrics().recencyDays()).as(id).isNull();
            assertThat(prospect.metrics().frequency()).as(id).isZero();
        }
        assertThat(metricsOf("p15").monetary()).isEqualByComparingTo("-25");
    }

    @Test
    void summaryCountsCustomersAndRevenuePerSegmentInRankOrder() {
        assertThat(result.summaries()).extracting(SegmentSummary::key).containsExactly("prospects", "hibernating",
                "about_to_sleep", "at_risk", "cant_lose", "need_attention", "promising", "new_customers",
                "potential_loyalists", "loyal_customers", "champions");
        assertThat(result.summaries()).extracting(SegmentSummary::customers).containsExactly(3L, 2L, 1L, 2L, 1L, 1L, 1L, 2L, 0L, 2L, 0L);
        // total revenue 2035 = 20+20+70+50+300+80+120+100+400+250+600+50-25
        SegmentSummary newCustomers = result.summaryOf("new_customers");
        assertThat(newCustomers.revenue()).isEqualByComparingTo("40");
        assertThat(newCustomers.orders()).isEqualTo(2);
        assertThat(newCustomers.shareOfCustomers()).isEqualByComparingTo("0.1333"); // 2/15
        assertThat(newCustomers.shareOfRevenue()).isEqualByComparingTo("0.0197"); // 40/2035
        assertThat(newCustomers.averageOrderValue()).isEqualByComparingTo("20");
        assertThat(newCustomers.averageFrequency()).isEqualByComparingTo("1");
        SegmentSummary loyal = result.summaryOf("loyal_customers"); // b08 (3 orders, 100) and b10 (5 orders, 250)
        assertThat(loyal.revenue()).isEqualByComparingTo("350");
        assertThat(loyal.averageOrderValue()).isEqualByComparingTo("43.75"); // 350 / 8
        assertThat(loyal.averageFrequency()).isEqualByComparingTo("4");
        SegmentSummary prospects = result.summaryOf("prospects");
        assertThat(prospects.revenue()).isEqualByComparingTo("-25");
        assertThat(prospects.averageOrderValue()).isNull();
        assertThat(prospects.averageFrequency()).isEqualByComparingTo("0");
        assertThat(result.summaryOf("champions").averageFrequency()).isNull();
    }

    @Test
    void segmentsBelowTheMinimumShareAreFlaggedAsSmall() {
        assertThat(result.smallSegments()).extracting(SegmentSummary::key).containsExactly("potential_loyalists", "champions");
        SegmentationResult withTenPercent = new SegmentationReference(ConditionEvaluator.NONE, new BigDecimal("0.10"))
                .run(SegmentationTemplates.instantiate("rfm-classic", "RFM"), AS_OF, POPULATION);
        // 10% of 15 customers is 1.5: segments with 0 or 1 customer are small
        assertThat(withTenPercent.smallSegments()).extracting(SegmentSummary::key).containsExactly("about_to_sleep",
                "cant_lose", "need_attention", "promising", "potential_loyalists", "champions");
    }

    private void assertScores(String id, int r, int f, int m) {
        Assignment assignment = assignmentOf(id);
        assertThat(List.of(assignment.r(), assignment.f(), assignment.m())).as("R, F, M of " + id).containsExactly(r, f, m);
        assertThat(assignment.p()).isNull();
    }

    private void assertSegment(String id, String segment) {
        assertThat(assignmentOf(id).segmentKey()).as(id).isEqualTo(segment);
    }

    private Assignment assignmentOf(String id) {
        return result.assignmentOf(new CustomerId(id)).orElseThrow();
    }

    private io.strata.domain.metrics.CustomerMetrics metricsOf(String id) {
        return assignmentOf(id).metrics();
    }
}
