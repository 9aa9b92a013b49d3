package io.strata.domain.segmentation;

import io.strata.domain.metrics.CustomerMetrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RFM scores mapped to segments by a grid of score regions. Buyers (frequency ≥ 1) are scored against each other
 * with {@link RankScore}: R orders by recency_days descending, F by frequency ascending, the third score by
 * monetary (M) or distinct categories (P) ascending. The regions must claim every cell of the 5×5 (R, F) grid
 * exactly once, or of the 5×5×5 grid when any region limits the third score. Customers with no purchase have no
 * scores and go to {@code noPurchaseSegment}.
 */
public record RfmBasis(ThirdDimension thirdDimension, List<RfmRegion> regions, String noPurchaseSegment) implements Basis {

    private static final int MAX_LISTED = 10;
    private static final int BUCKETS = 5;

    public RfmBasis {
        Objects.requireNonNull(thirdDimension, "third dimension");
        Objects.requireNonNull(noPurchaseSegment, "segment for customers with no purchase");
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new InvalidSegmentation("an RFM basis needs score regions that cover all 25 (R, F) cells");
        }
        checkEveryCellClaimedOnce(thirdDimension, regions);
    }

    public static RfmBasis classic(List<RfmRegion> regions, String noPurchaseSegment) {
        return new RfmBasis(ThirdDimension.MONETARY, regions, noPurchaseSegment);
    }

    /** The segment of a buyer with these scores; exactly one exists by construction. */
    public String segmentOf(int r, int f, int third) {
        for (RfmRegion region : regions) {
            if (region.contains(r, f, third)) {
                return region.segmentKey();
            }
        }
        throw new IllegalStateException("no region contains R=" + r + ", F=" + f + ", third=" + third);
    }

    @Override
    public Set<String> segmentKeys() {
        Set<String> keys = new LinkedHashSet<>();
        regions.forEach(region -> keys.add(region.segmentKey()));
        keys.add(noPurchaseSegment);
        return Set.copyOf(keys);
    }

    @Override
    public List<Assignment> assign(List<CustomerContext> population, ConditionEvaluator conditions) {
        List<CustomerMetrics> buyers = population.stream().map(CustomerContext::metrics).filter(CustomerMetrics::hasPurchased).toList();
        int[] r = RankScore.scores(buyers, Comparator.comparing(CustomerMetrics::recencyDays).reversed(), BUCKETS);
        int[] f = RankScore.scores(buyers, Comparator.comparingInt(CustomerMetrics::frequency), BUCKETS);
        int[] third = RankScore.scores(buyers, thirdOrdering(), BUCKETS);
        List<Assignment> assignments = new ArrayList<>(population.size());
        int buyer = 0;
        for (CustomerContext customer : population) {
            if (customer.metrics().hasPurchased()) {
                RfmScores scores = new RfmScores(r[buyer], f[buyer], third[buyer], thirdDimension);
                assignments.add(new Assignment(customer.customerId(), segmentOf(scores.r(), scores.f(), scores.third()),
                        scores, customer.metrics()));
                buyer++;
            } else {
                assignments.add(new Assignment(customer.customerId(), noPurchaseSegment, null, customer.metrics()));
            }
        }
        return List.copyOf(assignments);
    }

    private Comparator<CustomerMetrics> thirdOrdering() {
        return thirdDimension == ThirdDimension.MONETARY
                ? Comparator.comparing(CustomerMetrics::monetary, BigDecimal::compareTo)
                : Comparator.comparing(CustomerMetrics::categories);
    }

    private static void checkEveryCellClaimedOnce(ThirdDimension dimension, List<RfmRegion> regions) {
        boolean threeDimensional = regions.stream().anyMatch(region -> !region.third().isAny());
        int thirdScores = threeDimensional ? BUCKETS : 1;
        List<String> unclaimed = new ArrayList<>();
        Map<String, List<String>> claimedTwice = new LinkedHashMap<>();
        for (int r = 1; r <= BUCKETS; r++) {
            for (int f = 1; f <= BUCKETS; f++) {
                for (int t = 1; t <= thirdScores; t++) {
                    List<String> claimants = new ArrayList<>();
                    for (RfmRegion region : regions) {
                        if (region.contains(r, f, threeDimensional ? t : region.third().from())) {
                            claimants.add(region.segmentKey());
                        }
                    }
                    String cell = threeDimensional ? "R=" + r + ", F=" + f + ", " + dimension.letter() + "=" + t : "R=" + r + ",F=" + f;
                    if (claimants.isEmpty()) {
                        unclaimed.add(threeDimensional ? "R=" + r + ", F=" + f + " and " + dimension.letter() + "=" + t
                                : "R=" + r + " and F=" + f);
                    } else if (claimants.size() > 1) {
                        claimedTwice.computeIfAbsent(InvalidSegmentation.both(claimants), k -> new ArrayList<>()).add("(" + cell + ")");
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unclaimed.isEmpty()) {
            problems.add("customers with " + listed(unclaimed, " or ") + " have no segment");
        }
        claimedTwice.forEach((claimants, cells) -> problems.add("cells " + listed(cells, ", ") + " are claimed by " + claimants));
        if (!problems.isEmpty()) {
            throw new InvalidSegmentation(String.join("; ", problems) + "; every " + (threeDimensional ? "(R, F, "
                    + dimension.letter() + ") cell of the 5×5×5 grid" : "(R, F) cell of the 5×5 grid")
                    + " must belong to exactly one segment");
        }
    }

    private static String listed(List<String> items, String separator) {
        if (items.size() <= MAX_LISTED) {
            return String.join(separator, items);
        }
        return String.join(separator, items.subList(0, MAX_LISTED)) + " (and " + (items.size() - MAX_LISTED) + " more)";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.rfm(this);
    }
}
