package io.strata.domain.segmentation;


import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tiers over one metric. Buyers (frequency ≥ 1) are placed by their metric value; customers with no purchase go to
 * {@code noPurchaseSegment} whatever their metric says. Fixed tiers must cover the metric's range among buyers,
 * from its lowest value (or −∞) to +∞, without gap or overlap.
 */
public record TierBasis(TierMetric metric, TierSplit split, String noPurchaseSegment) implements Basis {

    public TierBasis {
        Objects.requireNonNull(metric, "tier metric");
        Objects.requireNonNull(split, "tiers");
        Objects.requireNonNull(noPurchaseSegment, "segment for customers with no purchase");
        split.match(fixed -> checkCoverage(metric, fixed.tiers()), quantiles -> null);
    }

    @Override
    public Set<String> segmentKeys() {
        Set<String> keys = new LinkedHashSet<>(split.segmentKeys());
        keys.add(noPurchaseSegment);
        return Set.copyOf(keys);
    }

    @Override
    public List<Assignment> assign(List<CustomerContext> population, ConditionEvaluator conditions) {
        List<BigDecimal> values = population.stream().filter(customer -> customer.metrics().hasPurchased())
                .map(metric::valueOf).toList();
        List<String> buyerSegments = split.match(fixed -> byBoundaries(metric, fixed, values), quantiles -> byQuantile(quantiles, values));
        List<Assignment> assignments = new ArrayList<>(population.size());
        int buyer = 0;
        for (CustomerContext customer : population) {
            String key = customer.metrics().hasPurchased() ? buyerSegments.get(buyer++) : noPurchaseSegment;
            assignments.add(new Assignment(customer.customerId(), key, null, customer.metrics()));
        }
        return List.copyOf(assignments);
    }

    private static List<String> byQuantile(QuantileTiers quantiles, List<BigDecimal> values) {
        int[] tiers = RankScore.scores(values, BigDecimal::compareTo, quantiles.count());
        List<String> keys = new ArrayList<>(values.size());
        for (int tier : tiers) {
            keys.add(quantiles.segmentKeysLowToHigh().get(tier - 1));
        }
        return keys;
    }

    private static List<String> byBoundaries(TierMetric metric, FixedTiers fixed, List<BigDecimal> values) {
        List<String> keys = new ArrayList<>(values.size());
        for (BigDecimal value : values) {
            keys.add(fixed.tiers().stream().filter(tier -> contains(metric, tier, value)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no tier contains " + value)).segmentKey());
        }
        return keys;
    }

    private static boolean contains(TierMetric metric, Tier tier, BigDecimal value) {
        BigDecimal from = metric.bound(tier.from());
        BigDecimal to = metric.bound(tier.to());
        return (from == null || value.compareTo(from) >= 0) && (to == null || value.compareTo(to) < 0);
    }

    /** Returns nothing, so that it can be one arm of a match. */
    private static Void checkCoverage(TierMetric metric, List<Tier> tiers) {
        String name = metric.fieldName();
        BigDecimal lowest = metric.lowestAmongBuyers();
        List<String> problems = new ArrayList<>();
        for (Tier tier : tiers) {
            if (lowest != null && tier.to() != null && tier.to().compareTo(lowest) <= 0) {
                problems.add("tier " + tier.segmentKey() + " only covers " + name + " " + range(tier.from(), tier.to())
                        + ", which no buyer has (the lowest is " + Tier.plain(lowest) + ")");
            }
        }
        for (int i = 0; i < tiers.size(); i++) {
            for (int j = i + 1; j < tiers.size(); j++) {
                BigDecimal from = maxFrom(maxFrom(tiers.get(i).from(), tiers.get(j).from()), lowest);
                BigDecimal to = minTo(tiers.get(i).to(), tiers.get(j).to());
                if (from == null || to == null || from.compareTo(to) < 0) {
                    problems.add(name + " " + range(from, to) + " is claimed by "
                            + InvalidSegmentation.both(List.of(tiers.get(i).segmentKey(), tiers.get(j).segmentKey())));
                }
            }
        }
        List<Tier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparing(Tier::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        BigDecimal reach = lowest;
        boolean reachesInfinity = false;
        boolean started = lowest != null;
        for (Tier tier : sorted) {
            if (tier.from() != null && (!started || tier.from().compareTo(reach) > 0)) {
                problems.add(name + " " + range(started ? reach : null, tier.from()) + " is not covered");
            }
            started = true;
            if (tier.to() == null) {
                reachesInfinity = true;
                break;
            }
            reach = reach == null || tier.to().compareTo(reach) > 0 ? tier.to() : reach;
        }
        if (!reachesInfinity) {
            problems.add(name + " " + range(reach, null) + " is not covered");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSegmentation(String.join("; ", problems) + "; tiers are half-open ranges [from, to) that must cover "
                    + name + " from " + (lowest == null ? "−∞" : Tier.plain(lowest)) + " to +∞ exactly once");
        }
        return null;
    }

    private static BigDecimal maxFrom(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static BigDecimal minTo(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static String range(BigDecimal from, BigDecimal to) {
        if (from == null && to == null) {
            return "of any value";
        }
        if (from == null) {
            return "below " + Tier.plain(to);
        }
        if (to == null) {
            return "from " + Tier.plain(from) + " upward";
        }
        return "from " + Tier.plain(from) + " to below " + Tier.plain(to);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.tiers(this);
    }
}
