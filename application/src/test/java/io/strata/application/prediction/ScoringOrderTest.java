package io.strata.application.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.SpendColumns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patterns come out in the order they are scored and stored (x, T, t_x in whole days), each with its own buyers,
 * whether they pack into one long (session 36) or not. Oracle: the patterns as day triples sorted by a comparator written
 * here; each pattern's buyers are a function of it (x·10⁶ + t_x·10³ + T + 1), so a count left behind shows.
 */
class ScoringOrderTest {

    @Test
    void patternsOfAMillionBuyersShapeComeOutByXThenAgeThenRecency() {
        Random random = new Random(36);
        Set<List<Integer>> distinct = new LinkedHashSet<>();
        while (distinct.size() < 40_000) {
            int x = random.nextInt(30);
            int age = random.nextInt(731);
            distinct.add(List.of(x, x == 0 ? 0 : random.nextInt(age + 1), age));
        }
        assertInScoringOrder(new ArrayList<>(distinct));
    }

    @Test
    void patternsTooWideToPackComeOutInTheSameOrder() {
        int wide = Integer.MAX_VALUE / 8;
        assertInScoringOrder(new ArrayList<>(List.of(List.of(3, 5, wide), List.of(3, wide, wide), List.of(1 << 20, 2, 9), List.of(0, 0, 0),
                List.of(3, 5, 6), List.of(0, 0, 9), List.of(3, 6, 6))));
    }

    @Test
    void noPatternsGiveNone() {
        assertInScoringOrder(new ArrayList<>());
    }

    private static void assertInScoringOrder(List<List<Integer>> patterns) {
        PatternColumns.Builder columns = new PatternColumns.Builder(16);
        patterns.forEach(p -> columns.add(p.get(0), p.get(1) / 7.0, p.get(2) / 7.0, buyers(p)));
        BuyerFacts facts = new BuyerFacts(columns.build(), new SpendColumns.Builder(16).build(), 0, 0, false, false);
        List<BuyerPattern> ordered = facts.patternsInScoringOrder();
        List<List<Integer>> expected = new ArrayList<>(patterns);
        expected.sort(Comparator.<List<Integer>>comparingInt(p -> p.get(0)).thenComparingInt(p -> p.get(2)).thenComparingInt(p -> p.get(1)));
        assertThat(ordered).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            List<Integer> p = expected.get(i);
            assertThat(ordered.get(i)).isEqualTo(new BuyerPattern(p.get(0), p.get(1), p.get(2), buyers(p)));
        }
    }

    private static long buyers(List<Integer> p) {
        return p.get(0) * 1_000_000L + p.get(1) * 1_000L + p.get(2) + 1;
    }
}
