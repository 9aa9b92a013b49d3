package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The distinct values by hashing give what sorting every value gave (GroupedPatterns before session 36): the distinct
 * values ascending, told apart as {@link Double#compare} does, and each value's place among them. Oracle: a sorted set
 * by {@link Double#compare}, each value's rank its number of smaller elements (headSet).
 */
class DistinctRanksTest {

    @Test
    void weeksOfWholeDaysAndCountsRankAsASortedSetOrdersThem() {
        Random random = new Random(36);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            // times as the patterns hold them (days / 7: whole numbers every seventh day) and x as doubles
            values.add(random.nextBoolean() ? random.nextInt(731) / 7.0 : random.nextInt(40));
        }
        assertRanked(values);
    }

    @Test
    void signedZerosAndExtremesAreToldApartAsDoubleCompareDoes() {
        assertRanked(List.of(0.0, -0.0, 1e-300, Double.MAX_VALUE, 0.0, -1.5, 3.0, 3.0, Double.MIN_VALUE, -0.0, 7.0 / 7, 1.0));
    }

    @Test
    void aValueNeverAddedHasNoRank() {
        DistinctRanks ranks = new DistinctRanks();
        ranks.add(2);
        assertThatThrownBy(() -> ranks.rank(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ranks.add(4)).isInstanceOf(IllegalStateException.class);
    }

    private static void assertRanked(List<Double> values) {
        DistinctRanks ranks = new DistinctRanks();
        TreeSet<Double> expected = new TreeSet<>(Double::compare);
        values.forEach(v -> {
            ranks.add(v);
            expected.add(v);
        });
        double[] ascending = ranks.ascending();
        assertThat(ascending).hasSize(expected.size());
        int k = 0;
        for (double v : expected) {
            assertThat(Double.compare(ascending[k++], v)).as("distinct value %d", k).isZero();
        }
        for (double v : values) {
            assertThat(ranks.rank(v)).as("rank of %s", v).isEqualTo(expected.headSet(v).size());
        }
    }
}
