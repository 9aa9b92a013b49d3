package io.strata.adapters.persistence.prediction;

import io.strata.domain.prediction.SpendColumns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spends sampled as they stream by equal the sample taken once all are known: those whose hash is below
 * (0.99 · bound / n) · (2^63 − 1), n the repeat buyers, the first {@code bound} of them by key; all of them when n is
 * at most the bound. Oracle: that rule applied to the full list here, with the threshold worked out from it.
 */
class SpendSampleTest {

    private record Spend(long key, int x, double average, long hash) {
    }

    @Test
    void withinTheBoundEverySpendInKeyOrder() {
        assertSample(spends(50, 1), 50);
        assertSample(spends(50, 2), 80);
    }

    @Test
    void beyondTheBoundTheSampleOfAllOfThem() {
        assertSample(spends(51, 3), 50);
        assertSample(spends(1_000, 4), 10); // pruned dozens of times
        assertSample(spends(100_000, 5), 1_000);
    }

    @Test
    void hashesAtTheThresholdAreLeftOut() {
        // 200 spends, bound 100: the threshold is 0.99 / 2 of 2^63 − 1; keys whose hash is exactly at it, or just below
        long threshold = (long) (0.99 * 100 / 200 * Long.MAX_VALUE);
        List<Spend> spends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            spends.add(new Spend(1_000 - i, 1 + i % 4, i + 0.5, i % 3 == 0 ? threshold : i % 3 == 1 ? threshold - 1 : Long.MAX_VALUE));
        }
        SpendColumns sample = sampled(spends, 100);
        assertThat(sample.size()).isEqualTo(67); // i % 3 == 1: 67 of 200
        assertSample(spends, 100);
    }

    private static List<Spend> spends(int n, long seed) {
        Random random = new Random(seed);
        List<Spend> spends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            spends.add(new Spend(random.nextLong() & 0xFFFF_FFFFL, 1 + random.nextInt(20), random.nextInt(100_000) / 100.0,
                    random.nextLong() & Long.MAX_VALUE));
        }
        return spends;
    }

    private static SpendColumns sampled(List<Spend> spends, int bound) {
        SpendSample sample = new SpendSample(bound, 0.99);
        spends.forEach(s -> sample.add(s.key(), s.x(), s.average(), s.hash()));
        assertThat(sample.repeatBuyers()).isEqualTo(spends.size());
        assertThat(sample.sampled()).isEqualTo(spends.size() > bound);
        return sample.spends();
    }

    private static void assertSample(List<Spend> spends, int bound) {
        long threshold = spends.size() > bound ? (long) (Math.min(1, 0.99 * bound / spends.size()) * Long.MAX_VALUE) : Long.MAX_VALUE;
        List<Spend> expected = spends.stream().filter(s -> spends.size() <= bound || s.hash() < threshold)
                .sorted(Comparator.comparingLong(Spend::key)).limit(bound).toList();
        SpendColumns actual = sampled(spends, bound);
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.x(i)).isEqualTo(expected.get(i).x());
            assertThat(actual.average(i)).isEqualTo(expected.get(i).average());
        }
    }
}
