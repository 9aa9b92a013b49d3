package io.strata.domain.prediction;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * bench/prediction-benchmark.sh's generator in Java, seeded: (x, t_x, T) patterns in weeks with their buyers, and the
 * repeat buyers' average values (purchase days after the first, each the sum of its positive orders). Every buyer's
 * order totals are drawn from one distribution (uniform on −8..122, the positive ones kept): no heterogeneity in
 * spend, so Gamma-Gamma's likelihood rises along its ridge (q and v to infinity together) without end.
 */
record GeneratedBase(PatternColumns patterns, SpendColumns spends) {

    static GeneratedBase of(int customers, long seed) {
        Random random = new Random(seed);
        Map<Long, long[]> counts = new HashMap<>();
        SpendColumns.Builder spends = new SpendColumns.Builder(1024);
        for (int c = 0; c < customers; c++) {
            int firstAgo = (int) Math.floor(random.nextDouble() * 730);
            int span = Math.min(firstAgo, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 200));
            int further = (int) Math.floor(-Math.log(1 - random.nextDouble()) * 3.25);
            TreeMap<Integer, Double> days = new TreeMap<>();
            for (int g = 0; g <= further; g++) {
                int day = g == 0 ? 0 : (int) Math.floor(random.nextDouble() * (span + 1));
                double total = random.nextDouble() * 130 - 8;
                if (total > 0) {
                    days.merge(day, total, Double::sum);
                }
            }
            if (!days.isEmpty()) {
                if (days.size() > 1) {
                    spends.add(days.size() - 1, days.tailMap(days.firstKey(), false).values().stream().mapToDouble(Double::doubleValue).sum()
                            / (days.size() - 1));
                }
                long key = ((long) (days.size() - 1) << 40) | ((long) (days.lastKey() - days.firstKey()) << 20) | (firstAgo - days.firstKey());
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
            }
        }
        PatternColumns.Builder patterns = new PatternColumns.Builder(counts.size());
        counts.forEach((key, n) -> patterns.add((int) (key >>> 40), ((key >>> 20) & 0xFFFFF) / 7.0, (key & 0xFFFFF) / 7.0, n[0]));
        return new GeneratedBase(patterns.build(), spends.build());
    }

    /** The mean of all repeat purchases, Σ x m̄ / Σ x: Gamma-Gamma's mean spend at the end of its ridge. */
    double pooledMeanSpend() {
        double purchases = 0;
        double spent = 0;
        for (int i = 0; i < spends.size(); i++) {
            purchases += spends.x(i);
            spent += spends.x(i) * spends.average(i);
        }
        return spent / purchases;
    }
}
