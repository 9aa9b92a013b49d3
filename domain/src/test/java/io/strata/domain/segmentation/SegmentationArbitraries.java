package io.strata.domain.segmentation;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.history.WallClockInstants;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.ordering.OrderLine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Random populations and random valid general segmentations, shared by the reference's property tests and by any
 * test that must show another implementation (the SQL engine) agrees with the reference. Populations are built
 * relative to {@link #AS_OF}: orders and events up to about two years before it, a few after it (which must be
 * ignored), stamped at local times at offsets far from UTC ({@link WallClockInstants}), ties in every metric, returns, fully refunded orders, lines with and without category.
 */
public final class SegmentationArbitraries {

    public static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    static final List<String> CATEGORIES = List.of("kids", "films", "music", "sport", "books");
    static final List<String> EVENT_TYPES = List.of("payment", "session", "signup", "email_open");
    /**
     * Tier metrics a history defines; predicted value needs a fit of the whole base and has its own tests
     * (PredictedValueTiersTest, and the SQL engine's).
     */
    static final List<TierMetric> METRICS_OF_HISTORY = java.util.Arrays.stream(TierMetric.values())
            .filter(metric -> metric != TierMetric.PREDICTED_VALUE).toList();
    static final List<String> KEYS = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta");

    private SegmentationArbitraries() {
    }

    record LineSpec(BigDecimal amount, String category) {
    }

    record OrderSpec(Instant at, List<LineSpec> lines) {
    }

    record EventSpec(String type, Instant at) {
    }

    record CustomerSpec(String plan, List<OrderSpec> orders, List<EventSpec> events) {
    }

    /** Whole populations of 0 to 40 customers with distinct ids c000, c001, … */
    public static Arbitrary<List<CustomerHistory>> populations() {
        return populations(40);
    }

    /**
     * Populations of 0 to {@code maxSize} (at most 1,000) customers: for an engine whose every try costs a job (Spark),
     * fewer and larger tries.
     */
    public static Arbitrary<List<CustomerHistory>> populations(int maxSize) {
        if (maxSize > 1000) {
            throw new IllegalArgumentException("ids are c000 to c999: at most 1,000 customers, not " + maxSize);
        }
        return customers().list().ofMaxSize(maxSize).map(SegmentationArbitraries::histories);
    }

    static Arbitrary<CustomerSpec> customers() {
        Arbitrary<String> plan = Arbitraries.of("trial", "monthly", "cancelled").injectNull(0.5);
        return Combinators.combine(plan, orders().list().ofMaxSize(8), events().list().ofMaxSize(4)).as(CustomerSpec::new);
    }

    static Arbitrary<OrderSpec> orders() {
        Arbitrary<Integer> days = Arbitraries.<Integer>frequencyOf(
                weighted(9, Arbitraries.integers().between(0, 800)),
                weighted(3, Arbitraries.of(0, 1, 30, 35, 90, 365)),
                weighted(1, Arbitraries.integers().between(-3, -1)));
        return Combinators.combine(WallClockInstants.onDay(AS_OF, days), lines().list().ofMinSize(1).ofMaxSize(3)).as(OrderSpec::new);
    }

    static Arbitrary<LineSpec> lines() {
        Arbitrary<BigDecimal> coarse = Arbitraries.integers().between(-8, 20).map(i -> BigDecimal.valueOf(i * 1250L, 2));
        Arbitrary<BigDecimal> fine = Arbitraries.bigDecimals().between(new BigDecimal("-50"), new BigDecimal("300")).ofScale(4);
        // two orders of 0.0002 and 0.0003 average 0.00025: a tie that half-up and half-even round apart
        Arbitrary<BigDecimal> ties = Arbitraries.of("0.0001", "0.0002", "0.0003", "0.0005").map(BigDecimal::new);
        Arbitrary<BigDecimal> amount = Arbitraries.<BigDecimal>frequencyOf(weighted(4, coarse), weighted(1, fine), weighted(1, ties));
        Arbitrary<String> category = Arbitraries.of(CATEGORIES).injectNull(0.3);
        return Combinators.combine(amount, category).as(LineSpec::new);
    }

    static Arbitrary<EventSpec> events() {
        return Combinators.combine(Arbitraries.of(EVENT_TYPES), WallClockInstants.onDay(AS_OF, Arbitraries.integers().between(-2, 400)))
                .as(EventSpec::new);
    }

    static List<CustomerHistory> histories(List<CustomerSpec> specs) {
        List<CustomerHistory> histories = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            histories.add(history(String.format("c%03d", i), specs.get(i)));
        }
        return List.copyOf(histories);
    }

    static CustomerHistory history(String id, CustomerSpec spec) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = new ArrayList<>();
        for (int o = 0; o < spec.orders().size(); o++) {
            OrderSpec order = spec.orders().get(o);
            Instant at = order.at();
            for (LineSpec line : order.lines()) {
                lines.add(new OrderLine(id + "-o" + o, customerId, at, line.amount(), BigDecimal.ONE, line.category(), null, null));
            }
        }
        List<Event> events = new ArrayList<>();
        for (int e = 0; e < spec.events().size(); e++) {
            EventSpec event = spec.events().get(e);
            events.add(new Event(id + "-e" + e, customerId, event.type(), event.at(), Map.of()));
        }
        Map<String, String> attributes = new HashMap<>();
        if (spec.plan() != null) {
            attributes.put("plan", spec.plan());
        }
        return new CustomerHistory(new Customer(customerId, Map.of(), attributes), lines, events);
    }

    /** Valid RFM, tier or lifecycle segmentations; lifecycle ones use the rules {@link HandWrittenConditions} knows. */
    public static Arbitrary<GeneralSegmentation> segmentations() {
        return Arbitraries.oneOf(rfmSegmentations(), tierSegmentations(), lifecycleSegmentations());
    }

    /** Segmentations the reference evaluates without a rule engine. */
    public static Arbitrary<GeneralSegmentation> segmentationsWithoutRules() {
        return Arbitraries.oneOf(rfmSegmentations(), tierSegmentations());
    }

    public static Arbitrary<GeneralSegmentation> rfmSegmentations() {
        return Arbitraries.randomValue(random -> withSegmentsFor(rfmBasis(random), random));
    }

    public static Arbitrary<GeneralSegmentation> tierSegmentations() {
        return Arbitraries.oneOf(fixedTierSegmentations(), quantileTierSegmentations());
    }

    public static Arbitrary<GeneralSegmentation> fixedTierSegmentations() {
        return Arbitraries.randomValue(random -> withSegmentsFor(fixedTiers(random), random));
    }

    public static Arbitrary<GeneralSegmentation> quantileTierSegmentations() {
        return Arbitraries.randomValue(random -> withSegmentsFor(quantileTiers(random), random));
    }

    public static Arbitrary<GeneralSegmentation> lifecycleSegmentations() {
        return Arbitraries.randomValue(random -> withSegmentsFor(lifecycle(random), random));
    }

    /** A random partition of the score grid into boxes by repeated cuts; 3D in about a third of the cases. */
    static RfmBasis rfmBasis(Random random) {
        boolean threeDimensional = random.nextInt(3) == 0;
        List<int[]> boxes = new ArrayList<>();
        cut(new int[]{1, 5, 1, 5, 1, 5}, threeDimensional ? 3 : 2, random, 0, boxes);
        List<RfmRegion> regions = new ArrayList<>();
        for (int[] box : boxes) {
            regions.add(new RfmRegion(key(random), ScoreRange.between(box[0], box[1]), ScoreRange.between(box[2], box[3]),
                    ScoreRange.between(box[4], box[5])));
        }
        Collections.shuffle(regions, random);
        ThirdDimension third = random.nextBoolean() ? ThirdDimension.MONETARY : ThirdDimension.PRODUCT;
        return new RfmBasis(third, regions, key(random));
    }

    private static void cut(int[] box, int axes, Random random, int depth, List<int[]> leaves) {
        List<Integer> splittable = new ArrayList<>();
        for (int axis = 0; axis < axes; axis++) {
            if (box[2 * axis] < box[2 * axis + 1]) {
                splittable.add(axis);
            }
        }
        if (splittable.isEmpty() || depth >= 5 || random.nextInt(4) == 0) {
            leaves.add(box);
            return;
        }
        int axis = splittable.get(random.nextInt(splittable.size()));
        int from = box[2 * axis];
        int to = box[2 * axis + 1];
        int at = from + 1 + random.nextInt(to - from);
        int[] low = box.clone();
        int[] high = box.clone();
        low[2 * axis + 1] = at - 1;
        high[2 * axis] = at;
        cut(low, axes, random, depth + 1, leaves);
        cut(high, axes, random, depth + 1, leaves);
    }

    static TierBasis fixedTiers(Random random) {
        TierMetric metric = METRICS_OF_HISTORY.get(random.nextInt(METRICS_OF_HISTORY.size()));
        int cuts = 1 + random.nextInt(4);
        TreeSet<BigDecimal> points = new TreeSet<>();
        while (points.size() < cuts) {
            points.add(cutPoint(metric, random));
        }
        List<BigDecimal> bounds = new ArrayList<>();
        BigDecimal lowest = metric.lowestAmongBuyers();
        bounds.add(lowest == null || random.nextBoolean() ? null : lowest.subtract(BigDecimal.valueOf(random.nextInt(2))));
        bounds.addAll(points);
        bounds.add(null);
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            tiers.add(new Tier(key(random), bounds.get(i), bounds.get(i + 1)));
        }
        Collections.shuffle(tiers, random);
        return new TierBasis(metric, new FixedTiers(tiers), key(random));
    }

    private static BigDecimal cutPoint(TierMetric metric, Random random) {
        return switch (metric) {
            case FREQUENCY -> BigDecimal.valueOf(2 + random.nextInt(7));
            case CATEGORIES -> BigDecimal.valueOf(1 + random.nextInt(5));
            default -> switch (random.nextInt(5)) {
                case 0, 1 -> BigDecimal.valueOf(random.nextInt(40) * 12.5).setScale(2);
                case 2, 3 -> BigDecimal.valueOf(random.nextInt(60_000) - 5_000, 2);
                default -> new BigDecimal(List.of("0.0002", "0.0003", "0.0004").get(random.nextInt(3)));
            };
        };
    }

    static TierBasis quantileTiers(Random random) {
        TierMetric metric = METRICS_OF_HISTORY.get(random.nextInt(METRICS_OF_HISTORY.size()));
        List<String> keys = new ArrayList<>();
        int k = 2 + random.nextInt(4);
        for (int i = 0; i < k; i++) {
            keys.add(key(random));
        }
        return new TierBasis(metric, new QuantileTiers(keys), key(random));
    }

    static LifecycleBasis lifecycle(Random random) {
        List<String> rules = new ArrayList<>(List.of(SubscriptionLifecycleTemplate.TRIALIST, SubscriptionLifecycleTemplate.PAID_RECENTLY,
                SubscriptionLifecycleTemplate.PAID_BEFORE, UserStatusTemplate.LOYAL, UserStatusTemplate.NEW,
                UserStatusTemplate.ACTIVE, UserStatusTemplate.DORMANT));
        Collections.shuffle(rules, random);
        List<LifecycleStage> stages = new ArrayList<>();
        for (String rule : rules.subList(0, random.nextInt(rules.size() + 1))) {
            stages.add(LifecycleStage.when(rule, key(random)));
        }
        stages.add(LifecycleStage.otherwise(key(random)));
        return new LifecycleBasis(stages);
    }

    /** One segment per key the basis uses, ranks shuffled. */
    static GeneralSegmentation withSegmentsFor(Basis basis, Random random) {
        List<String> keys = new ArrayList<>(new TreeSet<>(basis.segmentKeys()));
        List<Integer> ranks = new ArrayList<>();
        for (int rank = 1; rank <= keys.size(); rank++) {
            ranks.add(rank);
        }
        Collections.shuffle(ranks, random);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            segments.add(new Segment(keys.get(i), keys.get(i).toUpperCase(), ranks.get(i), "random", "random"));
        }
        return new GeneralSegmentation("random", basis, segments);
    }

    private static String key(Random random) {
        return KEYS.get(random.nextInt(KEYS.size()));
    }

    static Set<String> idsOf(List<CustomerHistory> population) {
        Set<String> ids = new LinkedHashSet<>();
        population.forEach(history -> ids.add(history.id().value()));
        return ids;
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }
}
