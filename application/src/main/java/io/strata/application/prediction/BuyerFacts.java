package io.strata.application.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.SpendColumns;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the models are fitted to, as of a day, in primitive columns (no object per buyer or pattern): buyers' patterns
 * grouped by (x, t_x, T) in weeks, and repeat buyers' number of repeat purchases with their average value; both those
 * of all buyers, or of a sample of them when there are more than {@link FitBounds} allow ({@code patternsSampled},
 * {@code spendsSampled}). {@code customers} and {@code repeatBuyers} count all buyers.
 */
public record BuyerFacts(PatternColumns patterns, SpendColumns spends, long customers, long repeatBuyers, boolean patternsSampled,
                         boolean spendsSampled) {

    /** The patterns in whole days, as the store keys them. */
    public List<BuyerPattern> patternsInDays() {
        BuyerPattern[] all = new BuyerPattern[patterns.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = new BuyerPattern(patterns.x(i), (int) Math.round(patterns.recency(i) * 7), (int) Math.round(patterns.age(i) * 7),
                    patterns.buyers(i));
        }
        return List.of(all);
    }

    /** By x and T, then t_x: the patterns sharing a forecast if alive (x, T) come together, as the store keys them. */
    static final Comparator<BuyerPattern> SCORING_ORDER = Comparator.comparingInt(BuyerPattern::x)
            .thenComparingInt(BuyerPattern::ageDays).thenComparingInt(BuyerPattern::recencyDays);

    /**
     * {@link #patternsInDays} in {@link #SCORING_ORDER}. Each pattern's x, T and t_x and its position pack into one long
     * (each value in as many bits as the largest needs: 6 + 10 + 10 + 19 bits at a million buyers), sorted as primitives:
     * sorting 457,000 pattern objects by a comparator took a tenth of the predictions' JVM time (session 36). Patterns
     * too wide to pack are sorted by the comparator. Either way the same list: the patterns are distinct.
     */
    public List<BuyerPattern> patternsInScoringOrder() {
        int n = patterns.size();
        int[] recency = new int[n];
        int[] age = new int[n];
        int maxX = 0;
        int maxRecency = 0;
        int maxAge = 0;
        for (int i = 0; i < n; i++) {
            recency[i] = (int) Math.round(patterns.recency(i) * 7);
            age[i] = (int) Math.round(patterns.age(i) * 7);
            maxX = Math.max(maxX, patterns.x(i));
            maxRecency = Math.max(maxRecency, recency[i]);
            maxAge = Math.max(maxAge, age[i]);
        }
        int recencyBits = bits(maxRecency);
        int positionBits = bits(n - 1);
        int ageBits = bits(maxAge);
        if (bits(maxX) + ageBits + recencyBits + positionBits > 63) {
            return patternsInDays().stream().sorted(SCORING_ORDER).toList();
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (((long) patterns.x(i) << ageBits | age[i]) << recencyBits | recency[i]) << positionBits | i;
        }
        Arrays.sort(packed);
        long mask = (1L << positionBits) - 1;
        BuyerPattern[] ordered = new BuyerPattern[n];
        for (int k = 0; k < n; k++) {
            int i = (int) (packed[k] & mask);
            ordered[k] = new BuyerPattern(patterns.x(i), recency[i], age[i], patterns.buyers(i));
        }
        return List.of(ordered);
    }

    /** The bits a non-negative value needs (0 for 0). */
    private static int bits(int value) {
        return value <= 0 ? 0 : 32 - Integer.numberOfLeadingZeros(value);
    }
}
