package io.strata.application.prediction;

import io.strata.domain.prediction.PurchasePattern;
import io.strata.domain.prediction.RepeatSpend;

import java.util.List;

/**
 * What the models are fitted to, as of a day: every buyer's pattern grouped by (x, t_x, T), and each repeat buyer's
 * number of repeat purchases with their average value.
 */
public record BuyerFacts(List<BuyerPattern> patterns, List<RepeatSpend> spends) {

    public BuyerFacts {
        patterns = List.copyOf(patterns);
        spends = List.copyOf(spends);
    }

    public List<PurchasePattern> patternsInWeeks() {
        return patterns.stream().map(BuyerPattern::inWeeks).toList();
    }
}
