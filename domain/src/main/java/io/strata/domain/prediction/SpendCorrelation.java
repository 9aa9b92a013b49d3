package io.strata.domain.prediction;

import java.util.List;

/** Pearson's correlation of repeat frequency and average spend: 0 when either does not vary. */
final class SpendCorrelation {

    private SpendCorrelation() {
    }

    static double of(List<RepeatSpend> spends) {
        return of(SpendColumns.of(spends));
    }

    static double of(SpendColumns spends) {
        int n = spends.size();
        double meanX = 0;
        double meanM = 0;
        for (int i = 0; i < n; i++) {
            meanX += spends.x(i);
            meanM += spends.average(i);
        }
        meanX = n == 0 ? 0 : meanX / n;
        meanM = n == 0 ? 0 : meanM / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = spends.x(i) - meanX;
            double dm = spends.average(i) - meanM;
            sxy += dx * dm;
            sxx += dx * dx;
            syy += dm * dm;
        }
        return n < 2 || sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
