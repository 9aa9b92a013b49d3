package io.strata.domain.prediction;

import java.util.List;

/** Pearson's correlation of repeat frequency and average spend: 0 when either does not vary. */
final class SpendCorrelation {

    private SpendCorrelation() {
    }

    static double of(List<RepeatSpend> spends) {
        int n = spends.size();
        double meanX = spends.stream().mapToDouble(RepeatSpend::x).average().orElse(0);
        double meanM = spends.stream().mapToDouble(RepeatSpend::averageValue).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (RepeatSpend s : spends) {
            double dx = s.x() - meanX;
            double dm = s.averageValue() - meanM;
            sxy += dx * dm;
            sxx += dx * dx;
            syy += dm * dm;
        }
        return n < 2 || sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
