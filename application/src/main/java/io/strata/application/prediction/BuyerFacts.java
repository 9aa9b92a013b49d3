package io.strata.application.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.SpendColumns;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the models are fitted to, as of a day, in primitive columns (no object per buyer or pattern): buyers' patterns
 * grouped by (x, t_x, T) in weeks, and repeat buyers' number of repeat purchases with their average value; both those
 * of all buyers, or of a sample of them when there are more than {@link FitBounds} allow ({@code patternsSampled},
 * {@code spendsSampled}), or of a sample of the buyers when there are more than {@link FitBounds#buyers} (then
 * {@code agesOfAll}: the distinct (x, T) of every buyer, for the store to score; otherwise empty). {@code customers} and
 * {@code repeatBuyers} count all buyers.
 */
public record BuyerFacts(PatternColumns patterns, SpendColumns spends, long customers, long repeatBuyers, boolean patternsSampled,
                         boolean spendsSampled, List<BuyerAge> agesOfAll) {

    /** As read from every buyer (no sample of the buyers; the patterns or the spends may still be sampled by their bounds). */
    public BuyerFacts(PatternColumns patterns, SpendColumns spends, long customers, long repeatBuyers, boolean patternsSampled,
                      boolean spendsSampled) {
        this(patterns, spends, customers, repeatBuyers, patternsSampled, spendsSampled, List.of());
    }

    /**
     * Whether the patterns and spends are those of a sample of the buyers ({@link FitBounds#buyers}): then
     * {@link #agesOfAll} holds the distinct (x, T) of every buyer, in scoring order, and {@link #customers} and
     * {@link #repeatBuyers} count every buyer, not the sample.
     */
    public boolean buyersSampled() {
        return !agesOfAll.isEmpty();
    }

    /**
     * The (x, T) pairs the store scores, in scoring order, when they are known here: those of every buyer beside a
     * sample of the buyers, or those of the patterns when the fit read every pattern. Empty when the patterns are a
     * sample's (their own bound): the store groups the buyers itself.
     */
    public Optional<List<BuyerAge>> agesToScore() {
        if (buyersSampled()) {
            return Optional.of(agesOfAll);
        }
        return patternsSampled ? Optional.empty() : Optional.of(agesInScoringOrder());
    }

    /** The patterns in whole days, as the store keys them. */
    public List<BuyerPattern> patternsInDays() {
        BuyerPattern[] all = new BuyerPattern[patterns.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = new BuyerPattern(patterns.x(i), (int) Math.round(patterns.recency(i) * 7), (int) Math.round(patterns.age(i) * 7),
                    patterns.buyers(i));
        }
        return List.of(all);
    }

    /**
     * The distinct (x, T) pairs of the patterns, in whole days, by x then T: what the store scores since changeset 470
     * (forecasts if alive do not depend on t_x). Each pair packs into one long (x and T are non-negative ints: 31 bits
     * each), sorted as primitives and told apart from its neighbour: 457,000 patterns at a million buyers give some
     * 20,000 pairs. Until then the patterns themselves were put in (x, T, t_x) order and scored one by one.
     */
    public List<BuyerAge> agesInScoringOrder() {
        int n = patterns.size();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (long) patterns.x(i) << 31 | Math.round(patterns.age(i) * 7);
        }
        Arrays.sort(packed);
        List<BuyerAge> ages = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (k == 0 || packed[k] != packed[k - 1]) {
                ages.add(new BuyerAge((int) (packed[k] >>> 31), (int) (packed[k] & Integer.MAX_VALUE)));
            }
        }
        return List.copyOf(ages);
    }
}
