package io.strata.adapters.persistence.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.PatternForecast;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buyers counted into patterns in the JVM give what {@code group by x, recency_days, age_days order by …} gave: each
 * distinct pattern once, with its number of buyers, ordered by x, t_x, T. Oracle: a sorted map of the triples counted
 * here, buyer by buyer.
 */
class PatternTallyTest {

    @Test
    void buyersAreCountedIntoTheirPatterns() {
        Random random = new Random(33);
        List<int[]> buyers = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            int x = random.nextInt(12);
            int age = random.nextInt(700);
            buyers.add(new int[] {x, x == 0 ? 0 : random.nextInt(age + 1), age});
        }
        assertTallied(buyers);
    }

    @Test
    void valuesBeyondThePackedRangeAreCountedToo() {
        int beyond = 1 << 21;
        assertTallied(List.of(new int[] {3, 5, beyond}, new int[] {3, 5, 7}, new int[] {3, 5, beyond}, new int[] {beyond, 1, 2},
                new int[] {0, 0, 0}, new int[] {3, 5, 7}, new int[] {(1 << 21) - 1, 4, 4}, new int[] {3, 5, beyond}));
    }

    @Test
    void beyondTheBoundNoNewPatternIsKept() {
        PatternTally tally = new PatternTally(2);
        tally.add(1, 1, 5);
        tally.add(1, 2, 5);
        assertThat(tally.exceeded()).isFalse();
        tally.add(1, 3, 5);
        assertThat(tally.exceeded()).isTrue();
        tally.add(1, 4, 5);
        tally.add(1, 1, 5);
        assertThat(tally.patterns().size()).isEqualTo(3);
        assertThat(tally.exceeded()).isTrue();
    }

    private static void assertTallied(List<int[]> buyers) {
        PatternTally tally = new PatternTally(1_000_000);
        TreeMap<List<Integer>, Long> expected = new TreeMap<>((a, b) -> {
            for (int k = 0; k < 3; k++) {
                int c = Integer.compare(a.get(k), b.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (int[] b : buyers) {
            tally.add(b[0], b[1], b[2]);
            expected.merge(List.of(b[0], b[1], b[2]), 1L, Long::sum);
        }
        assertThat(tally.exceeded()).isFalse();
        PatternColumns columns = tally.patterns().inOrder().build();
        assertThat(columns.size()).isEqualTo(expected.size());
        int i = 0;
        for (Map.Entry<List<Integer>, Long> e : expected.entrySet()) {
            assertThat(columns.x(i)).isEqualTo(e.getKey().get(0));
            assertThat(columns.recency(i)).isEqualTo(PatternForecast.weeks(e.getKey().get(1)));
            assertThat(columns.age(i)).isEqualTo(PatternForecast.weeks(e.getKey().get(2)));
            assertThat(columns.buyers(i)).as("buyers of %s", e.getKey()).isEqualTo(e.getValue());
            i++;
        }
    }
}
