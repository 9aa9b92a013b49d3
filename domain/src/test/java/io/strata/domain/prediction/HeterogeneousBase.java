package io.strata.domain.prediction;

import org.hipparchus.random.RandomDataGenerator;

import java.util.HashMap;
import java.util.Map;

/**
 * Buyers drawn from the models themselves, seeded, with heterogeneity in every parameter, so that both likelihoods
 * have an interior maximum (unlike {@link GeneratedBase}'s ridges): each buyer's purchase rate λ is Gamma(r, α) per
 * week and drop-out probability p Beta(a, b); from a first purchase on day 0 the buyer purchases at Poisson times of
 * rate λ until the age T (a whole number of days), dropping out after each repeat purchase with probability p, as in
 * Fader, Hardie and Lee (2005). Each repeat purchase's value is Gamma(P, ν) with ν Gamma(Q, γ) per buyer. Recency is
 * cut to whole days, as Strata counts purchase days.
 */
record HeterogeneousBase(PatternColumns patterns, SpendColumns spends, long buyers) {

    static final double R = 0.25;
    static final double ALPHA = 4;
    static final double A = 0.8;
    static final double B = 2.4;
    static final double P = 6;
    static final double Q = 4;
    static final double GAMMA = 15;

    static HeterogeneousBase of(int buyers, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        Map<Long, long[]> counts = new HashMap<>();
        SpendColumns.Builder spends = new SpendColumns.Builder(1024);
        for (int c = 0; c < buyers; c++) {
            double rate = random.nextGamma(R, 1 / ALPHA);
            double dropOut = random.nextBeta(A, B);
            int ageDays = 1 + random.nextInt(728);
            double age = ageDays / 7.0;
            int x = 0;
            double time = 0;
            double last = 0;
            while (true) {
                time += random.nextExponential(1 / rate);
                if (time > age) {
                    break;
                }
                x++;
                last = time;
                if (random.nextDouble() < dropOut) {
                    break;
                }
            }
            int recencyDays = (int) Math.floor(last * 7);
            long key = ((long) x << 40) | ((long) recencyDays << 20) | ageDays;
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            if (x > 0) {
                double nu = random.nextGamma(Q, 1 / GAMMA);
                double sum = 0;
                for (int i = 0; i < x; i++) {
                    sum += random.nextGamma(P, 1 / nu);
                }
                spends.add(x, sum / x);
            }
        }
        PatternColumns.Builder patterns = new PatternColumns.Builder(counts.size());
        counts.forEach((key, n) -> patterns.add((int) (key >>> 40), ((key >>> 20) & 0xFFFFF) / 7.0, (key & 0xFFFFF) / 7.0, n[0]));
        return new HeterogeneousBase(patterns.build(), spends.build(), buyers);
    }
}
