package io.strata.adapters.persistence.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.PatternForecast;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patterns read in any order come out ordered by x, t_x, T (the order the SQL's {@code order by} gave), each with its
 * own buyers, on both paths: values that pack into 21 bits each and values that do not. Oracle: the triples sorted by a
 * comparator; each pattern's buyers are a function of it (x·10⁶ + t_x·10³ + T + 1), so a count left behind shows.
 */
class PatternOrderTest {

    @Test
    void packedPatternsComeOutInOrderWithTheirBuyers() {
        Random random = new Random(31);
        Set<List<Integer>> distinct = new LinkedHashSet<>();
        while (distinct.size() < 50_000) {
            int x = random.nextInt(40);
            int age = random.nextInt(900);
            distinct.add(List.of(x, x == 0 ? 0 : random.nextInt(age + 1), age));
        }
        assertOrdered(new ArrayList<>(distinct));
    }

    @Test
    void patternsOutOfThePackedRangeComeOutInOrderWithTheirBuyers() {
        assertOrdered(new ArrayList<>(List.of(List.of(3, 1 << 21, 1 << 22), List.of(3, 5, 7), List.of(1, 2, 1 << 23), List.of(0, 0, 0),
                List.of(3, 5, 6), List.of(0, 0, 9))));
    }

    @Test
    void theLargestPackedValuesKeepTheirPlace() {
        int most = (1 << 21) - 1;
        assertOrdered(new ArrayList<>(List.of(List.of(most, most, most), List.of(most, 0, most), List.of(0, 0, most), List.of(most, 7, most - 1),
                List.of(0, 0, 0))));
    }

    private static void assertOrdered(List<List<Integer>> patterns) {
        PatternOrder.Builder builder = new PatternOrder.Builder(4);
        patterns.forEach(p -> builder.add(p.get(0), p.get(1), p.get(2), buyers(p)));
        PatternColumns columns = builder.inOrder().build();
        List<List<Integer>> expected = new ArrayList<>(patterns);
        expected.sort(Comparator.<List<Integer>>comparingInt(p -> p.get(0)).thenComparingInt(p -> p.get(1)).thenComparingInt(p -> p.get(2)));
        assertThat(columns.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            List<Integer> p = expected.get(i);
            assertThat(columns.x(i)).isEqualTo(p.get(0));
            assertThat(columns.recency(i)).isEqualTo(PatternForecast.weeks(p.get(1)));
            assertThat(columns.age(i)).isEqualTo(PatternForecast.weeks(p.get(2)));
            assertThat(columns.buyers(i)).isEqualTo(buyers(p));
        }
    }

    private static long buyers(List<Integer> p) {
        return p.get(0) * 1_000_000L + p.get(1) * 1_000L + p.get(2) + 1_000_000_000_000L;
    }
}
