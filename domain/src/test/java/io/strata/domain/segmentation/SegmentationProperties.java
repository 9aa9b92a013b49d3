package io.strata.domain.segmentation;

import io.strata.domain.history.CustomerHistory;
import io.strata.domain.metrics.CustomerMetrics;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.function.Function;

import static io.strata.domain.segmentation.SegmentationArbitraries.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentationProperties {

    final SegmentationReference reference = new SegmentationReference(new HandWrittenConditions());

    @Provide
    Arbitrary<List<CustomerHistory>> populations() {
        return SegmentationArbitraries.populations();
    }

    @Provide
    Arbitrary<GeneralSegmentation> segmentations() {
        return SegmentationArbitraries.segmentations();
    }

    @Provide
    Arbitrary<GeneralSegmentation> rfm() {
        return SegmentationArbitraries.rfmSegmentations();
    }

    @Provide
    Arbitrary<GeneralSegmentation> fixedTiers() {
        return SegmentationArbitraries.fixedTierSegmentations();
    }

    @Provide
    Arbitrary<GeneralSegmentation> quantileTiers() {
        return SegmentationArbitraries.quantileTierSegmentations();
    }

    @Property
    void everyCustomerLandsInExactlyOneSegmentAndTheSegmentCountsAddUpToTheBase(
            @ForAll("segmentations") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) {
        SegmentationResult result = reference.run(segmentation, AS_OF, population);

        assertThat(result.assignments()).extracting(a -> a.customerId().value())
                .containsExactlyInAnyOrderElementsOf(SegmentationArbitraries.idsOf(population));
        Map<String, CustomerHistory> histories = population.stream().collect(Collectors.toMap(c -> c.id().value(), c -> c));
        for (Assignment assignment : result.assignments()) {
            assertThat(segmentation.keys()).contains(assignment.segmentKey());
            assertThat(segmentsClaiming(segmentation.basis(), assignment, histories.get(assignment.customerId().value()), result))
                    .as("segments claiming %s", assignment).containsExactly(assignment.segmentKey());
        }
        assertThat(result.summaries()).extracting(SegmentSummary::key).containsExactlyInAnyOrderElementsOf(segmentation.keys());
        assertThat(result.summaries().stream().mapToLong(SegmentSummary::customers).sum()).isEqualTo(population.size());
        assertThat(result.summaries().stream().map(SegmentSummary::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(result.assignments().stream().map(a -> a.metrics().monetary()).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(result.summaries().stream().mapToLong(SegmentSummary::orders).sum())
                .isEqualTo(result.assignments().stream().mapToLong(a -> a.metrics().frequency()).sum());
    }

    @Property
    void scoresAreBetweenOneAndFiveForBuyersAndAbsentForEveryoneElse(
            @ForAll("rfm") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) {
        for (Assignment assignment : reference.run(segmentation, AS_OF, population).assignments()) {
            if (assignment.metrics().hasPurchased()) {
                assertThat(List.of(assignment.r(), assignment.f(), assignment.m())).allSatisfy(score -> assertThat(score).isBetween(1, 5));
            } else {
                assertThat(assignment.scores()).isNull();
                assertThat(assignment.segmentKey()).isEqualTo(((RfmBasis) segmentation.basis()).noPurchaseSegment());
            }
        }
    }

    @Property
    void aBuyerWhoIsMoreRecentBuysMoreOftenOrSpendsMoreNeverScoresLowerAndTiesScoreAlike(
            @ForAll("rfm") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) {
        ThirdDimension third = ((RfmBasis) segmentation.basis()).thirdDimension();
        List<Assignment> buyers = buyers(reference.run(segmentation, AS_OF, population));
        for (Assignment a : buyers) {
            for (Assignment b : buyers) {
                int recency = Integer.compare(b.metrics().recencyDays(), a.metrics().recencyDays()); // > 0: a more recent
                assertMonotone(recency, a.r(), b.r(), "R");
                assertMonotone(Integer.compare(a.metrics().frequency(), b.metrics().frequency()), a.f(), b.f(), "F");
                assertMonotone(thirdValue(third, a).compareTo(thirdValue(third, b)), a.m(), b.m(), third.letter());
            }
        }
    }

    @Property
    void scoresAreOnePlusFiveTimesTheRankBelowOverTheNumberOfBuyers(
            @ForAll("rfm") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) {
        ThirdDimension third = ((RfmBasis) segmentation.basis()).thirdDimension();
        List<Assignment> buyers = buyers(reference.run(segmentation, AS_OF, population));
        int n = buyers.size();
        for (Assignment a : buyers) {
            long olderThanA = buyers.stream().filter(b -> b.metrics().recencyDays() > a.metrics().recencyDays()).count();
            long fewerThanA = buyers.stream().filter(b -> b.metrics().frequency() < a.metrics().frequency()).count();
            long lessThanA = buyers.stream().filter(b -> thirdValue(third, b).compareTo(thirdValue(third, a)) < 0).count();
            assertThat(a.r()).isEqualTo((int) (1 + 5 * olderThanA / n));
            assertThat(a.f()).isEqualTo((int) (1 + 5 * fewerThanA / n));
            assertThat(a.m()).isEqualTo((int) (1 + 5 * lessThanA / n));
        }
    }

    @Property
    void quantileTiersAreOnePlusKTimesTheRankBelowOverTheNumberOfBuyers(
            @ForAll("quantileTiers") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) {
        TierBasis basis = (TierBasis) segmentation.basis();
        QuantileTiers quantiles = (QuantileTiers) basis.split();
        List<Assignment> buyers = buyers(reference.run(segmentation, AS_OF, population));
        Function<Assignment, BigDecimal> value = a -> basis.metric().valueOf(a.metrics());
        for (Assignment a : buyers) {
            long below = buyers.stream().filter(b -> value.apply(b).compareTo(value.apply(a)) < 0).count();
            int tier = (int) (1 + quantiles.count() * below / buyers.size());
            assertThat(a.segmentKey()).isEqualTo(quantiles.segmentKeysLowToHigh().get(tier - 1));
        }
    }

    @Property
    void removingAnyRegionOfAValidGridLeavesItsCellsUncoveredAndIsRefused(
            @ForAll("rfm") GeneralSegmentation segmentation, @ForAll @IntRange(min = 0, max = 200) int pick) {
        RfmBasis basis = (RfmBasis) segmentation.basis();
        List<RfmRegion> regions = new ArrayList<>(basis.regions());
        Assume.that(regions.size() >= 2);
        RfmRegion removed = regions.remove(pick % regions.size());
        boolean threeDimensional = regions.stream().anyMatch(region -> !region.third().isAny());
        String firstCell = threeDimensional
                ? "R=" + removed.r().from() + ", F=" + removed.f().from() + " and " + basis.thirdDimension().letter() + "=" + removed.third().from()
                : "R=" + removed.r().from() + " and F=" + removed.f().from();
        assertThatThrownBy(() -> new RfmBasis(basis.thirdDimension(), regions, basis.noPurchaseSegment()))
                .isInstanceOf(InvalidSegmentation.class).hasMessageContaining(firstCell).hasMessageContaining("have no segment");
    }

    @Property
    void removingAnyTierButTheFirstOfValidFixedTiersLeavesValuesUncoveredAndIsRefused(
            @ForAll("fixedTiers") GeneralSegmentation segmentation, @ForAll @IntRange(min = 0, max = 200) int pick) {
        TierBasis basis = (TierBasis) segmentation.basis();
        FixedTiers fixed = (FixedTiers) basis.split();
        List<Tier> tiers = new ArrayList<>(fixed.tiers());
        tiers.sort(Comparator.comparing(Tier::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        Tier removed = tiers.remove(1 + pick % (tiers.size() - 1));
        String uncovered = removed.to() == null ? "from " + Tier.plain(removed.from()) + " upward is not covered"
                : "from " + Tier.plain(removed.from()) + " to below " + Tier.plain(removed.to()) + " is not covered";
        assertThatThrownBy(() -> new TierBasis(basis.metric(), new FixedTiers(tiers), basis.noPurchaseSegment()))
                .isInstanceOf(InvalidSegmentation.class).hasMessageContaining(basis.metric().fieldName() + " " + uncovered);
    }

    private static void assertMonotone(int aComparedToB, Integer scoreA, Integer scoreB, String score) {
        if (aComparedToB > 0) {
            assertThat(scoreA).as(score).isGreaterThanOrEqualTo(scoreB);
        } else if (aComparedToB == 0) {
            assertThat(scoreA).as(score).isEqualTo(scoreB);
        }
    }

    private static BigDecimal thirdValue(ThirdDimension third, Assignment assignment) {
        return third == ThirdDimension.MONETARY ? assignment.metrics().monetary() : BigDecimal.valueOf(assignment.metrics().categories());
    }

    private static List<Assignment> buyers(SegmentationResult result) {
        return result.assignments().stream().filter(a -> a.metrics().hasPurchased()).toList();
    }

    /**
     * Segments whose definition claims this customer, worked out here from the definition and never from the run's
     * answer: RFM regions and fixed tiers that contain the scores or value, the rank formula for quantile tiers, and
     * the first lifecycle stage whose rule (evaluated by hand) holds.
     */
    private static List<String> segmentsClaiming(Basis basis, Assignment assignment, CustomerHistory history, SegmentationResult result) {
        CustomerMetrics metrics = assignment.metrics();
        if (basis instanceof RfmBasis rfm) {
            if (!metrics.hasPurchased()) {
                return List.of(rfm.noPurchaseSegment());
            }
            return rfm.regions().stream().filter(region -> region.contains(assignment.r(), assignment.f(), assignment.m()))
                    .map(RfmRegion::segmentKey).toList();
        }
        if (basis instanceof TierBasis tiers && tiers.split() instanceof FixedTiers fixed) {
            if (!metrics.hasPurchased()) {
                return List.of(tiers.noPurchaseSegment());
            }
            BigDecimal value = tiers.metric().valueOf(metrics);
            return fixed.tiers().stream().filter(tier -> tier.contains(value)).map(Tier::segmentKey).toList();
        }
        if (basis instanceof TierBasis tiers && tiers.split() instanceof QuantileTiers quantiles) {
            if (!metrics.hasPurchased()) {
                return List.of(tiers.noPurchaseSegment());
            }
            List<Assignment> buyers = buyers(result);
            BigDecimal value = tiers.metric().valueOf(metrics);
            long below = buyers.stream().filter(b -> tiers.metric().valueOf(b.metrics()).compareTo(value) < 0).count();
            return List.of(quantiles.segmentKeysLowToHigh().get((int) (quantiles.count() * below / buyers.size())));
        }
        if (basis instanceof LifecycleBasis lifecycle) {
            CustomerContext context = CustomerContext.of(AS_OF, history);
            HandWrittenConditions conditions = new HandWrittenConditions();
            return lifecycle.stages().stream()
                    .filter(stage -> stage.condition().match(rule -> conditions.holds(rule.text(), context), otherwise -> true))
                    .limit(1).map(LifecycleStage::segmentKey).toList();
        }
        throw new AssertionError("no independent expectation for " + basis);
    }
}
