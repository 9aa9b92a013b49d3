package io.strata.domain.segmentation;

import io.strata.domain.history.CustomerHistory;
import io.strata.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.strata.domain.segmentation.CustomerBuilder.customer;
import static org.assertj.core.api.Assertions.assertThat;

class TierSegmentationTest {

    static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    final SegmentationReference reference = SegmentationReference.withoutConditions();

    @Test
    void frequencyTiersPutZeroOrdersInProspectsOneAndTwoInNewcomersThreeToFiveInRepeatAndSixUpInLoyal() {
        List<CustomerHistory> base = List.of(withOrders("n0", 0), withOrders("n1", 1), withOrders("n2", 2),
                withOrders("n3", 3), withOrders("n5", 5), withOrders("n6", 6), withOrders("n7", 7));
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("frequency-tiers", "F"), AS_OF, base);

        assertThat(segmentsOf(result, "n0", "n1", "n2", "n3", "n5", "n6", "n7"))
                .containsExactly("prospects", "newcomers", "newcomers", "repeat", "repeat", "loyal", "loyal");
        assertThat(result.assignments()).allSatisfy(a -> assertThat(a.r()).isNull());
    }

    @Test
    void aRefundedOrderDoesNotLiftACustomerIntoTheNextFrequencyTier() {
        CustomerHistory twoAndARefund = customer("c").order("2024-01-01", "10").order("2024-02-01", "10")
                .order("2024-03-01", "30", "-30").build();
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("frequency-tiers", "F"), AS_OF, List.of(twoAndARefund));
        assertThat(segmentsOf(result, "c")).containsExactly("newcomers");
    }

    @Test
    void productBreadthCountsDistinctCategoriesOfPaidOrders() {
        List<CustomerHistory> base = List.of(
                customer("none").order("2024-06-01", "10").build(), // lines without category: 0 categories
                customer("one").orderIn("2024-06-01", "kids").orderIn("2024-06-02", "kids").build(),
                customer("two").orderIn("2024-06-01", "kids", "films").build(),
                // the refunded order's category does not count: 3 categories
                customer("three").orderIn("2024-06-01", "kids", "films").orderIn("2024-06-02", "music")
                        .orderAt(java.time.Instant.parse("2024-06-03T10:00:00Z"), "sport", "10", "-10").build(),
                customer("four").orderIn("2024-06-01", "kids", "films", "music", "sport").build(),
                customer("nobody").build());
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("product-breadth", "P"), AS_OF, base);

        assertThat(segmentsOf(result, "none", "one", "two", "three", "four", "nobody")).containsExactly("one_category",
                "one_category", "few_categories", "few_categories", "many_categories", "prospects");
    }

    @Test
    void valueTiersSplitBuyersIntoTercilesOfRevenuePerMonthWithTiesSharingATier() {
        // one order each within the last 30 days, so revenue per month = monetary. N = 7, tier = 1 + floor(3 (rank − 1) / 7):
        // 10 → rank 1 → 1; 20, 20 → rank 2 → 1; 30 → rank 4 → 2; 40 → rank 5 → 2; 50 → rank 6 → 3; 60 → rank 7 → 3
        List<CustomerHistory> base = List.of(
                customer("v10").order("2024-06-30", "10").build(), customer("v20a").order("2024-06-30", "20").build(),
                customer("v20b").order("2024-06-29", "20").build(), customer("v30").order("2024-06-30", "30").build(),
                customer("v40").order("2024-06-30", "40").build(), customer("v50").order("2024-06-30", "50").build(),
                customer("v60").order("2024-06-30", "60").build(), customer("none").build());
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("value-tiers", "V"), AS_OF, base);

        assertThat(segmentsOf(result, "v10", "v20a", "v20b", "v30", "v40", "v50", "v60", "none")).containsExactly(
                "low_value", "low_value", "low_value", "middle_value", "middle_value", "high_value", "high_value", "prospects");
    }

    @Test
    void revenuePerMonthDividesByWholeThirtyDayMonthsOfTenure() {
        // first order 2024-03-02 → tenure 120 days = 4 months: 400 / 4 = 100 per month; 150 within a month stays 150
        List<CustomerHistory> base = List.of(
                customer("long").order("2024-03-02", "300").order("2024-06-30", "100").build(),
                customer("short").order("2024-06-30", "150").build(),
                customer("small").order("2024-06-30", "90").build());
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("value-tiers", "V"), AS_OF, base);
        assertThat(segmentsOf(result, "small", "long", "short")).containsExactly("low_value", "middle_value", "high_value");
    }

    @Test
    void fixedTiersOnMoneyAcceptNegativeValuesBelowTheFirstBoundary() {
        TierBasis basis = new TierBasis(TierMetric.MONETARY,
                FixedTiers.of(Tier.of("low", null, "100"), Tier.of("high", "100", null)), "prospects");
        GeneralSegmentation segmentation = new GeneralSegmentation("money", basis, List.of(
                new Segment("prospects", "P", 1, "", ""), new Segment("low", "L", 2, "", ""), new Segment("high", "H", 3, "", "")));
        List<CustomerHistory> base = List.of(
                customer("negative").order("2024-06-01", "20").order("2024-06-02", "-50").build(),
                customer("edge").order("2024-06-01", "99.9999").build(),
                customer("hundred").order("2024-06-01", "100").build());
        SegmentationResult result = reference.run(segmentation, AS_OF, base);
        assertThat(segmentsOf(result, "negative", "edge", "hundred")).containsExactly("low", "low", "high");
    }

    static CustomerHistory withOrders(String id, int orders) {
        CustomerBuilder builder = customer(id);
        for (int i = 0; i < orders; i++) {
            builder.order(LocalDate.parse("2024-01-01").plusDays(i).toString(), "10");
        }
        return builder.build();
    }

    static List<String> segmentsOf(SegmentationResult result, String... ids) {
        return java.util.Arrays.stream(ids).map(id -> result.assignmentOf(new CustomerId(id)).orElseThrow().segmentKey()).toList();
    }
}
