package io.strata.application.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.SpendColumns;

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
}
