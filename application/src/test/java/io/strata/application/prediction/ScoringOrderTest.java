package io.strata.application.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.SpendColumns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distinct (x, T) of the patterns come out in the order they are scored and stored (x, then T, in whole days), each
 * once however many patterns share it (since changeset 470 the store scores these, not the patterns). Oracle: the
 * patterns' (x, T) put into a sorted set written here.
 */
class ScoringOrderTest {

    @Test
    void agesOfAMillionBuyersShapeComeOutByXThenAgeEachOnce() {
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
    void wideValuesComeOutInTheSameOrder() {
        int wide = Integer.MAX_VALUE / 8;
        assertInScoringOrder(new ArrayList<>(List.of(List.of(3, 5, wide), List.of(3, wide, wide), List.of(1 << 20, 2, 9), List.of(0, 0, 0),
                List.of(3, 5, 6), List.of(0, 0, 9), List.of(3, 6, 6), List.of(Integer.MAX_VALUE / 2, 1, 2))));
    }

    @Test
    void patternsSharingXAndAgeGiveOnePair() {
        BuyerFacts facts = facts(List.of(List.of(2, 10, 40), List.of(2, 3, 40), List.of(2, 40, 40), List.of(1, 3, 40), List.of(2, 3, 41)));
        assertThat(facts.agesInScoringOrder()).containsExactly(new BuyerAge(1, 40), new BuyerAge(2, 40), new BuyerAge(2, 41));
    }

    /**
     * What the store is handed to score (PredictionService): the patterns' pairs when the fit read every pattern; every
     * buyer's pairs, as read beside a sample of the buyers, when there is one (not the sample's: (1, 40) and (5, 90) are
     * no sample buyer's); nothing when the patterns are a sample's (the store groups the buyers itself).
     */
    @Test
    void theStoreScoresThePatternsPairsOrEveryBuyersBesideASample() {
        List<List<Integer>> patterns = List.of(List.of(2, 10, 40), List.of(2, 3, 41));
        assertThat(facts(patterns).agesToScore()).contains(List.of(new BuyerAge(2, 40), new BuyerAge(2, 41)));

        PatternColumns.Builder columns = new PatternColumns.Builder(16);
        patterns.forEach(p -> columns.add(p.get(0), p.get(1) / 7.0, p.get(2) / 7.0, 1));
        List<BuyerAge> everyBuyers = List.of(new BuyerAge(1, 40), new BuyerAge(2, 40), new BuyerAge(2, 41), new BuyerAge(5, 90));
        BuyerFacts sampled = new BuyerFacts(columns.build(), new SpendColumns.Builder(16).build(), 900, 400, false, true, everyBuyers);
        assertThat(sampled.buyersSampled()).isTrue();
        assertThat(sampled.agesToScore()).contains(everyBuyers);

        PatternColumns.Builder some = new PatternColumns.Builder(16);
        patterns.forEach(p -> some.add(p.get(0), p.get(1) / 7.0, p.get(2) / 7.0, 1));
        assertThat(new BuyerFacts(some.build(), new SpendColumns.Builder(16).build(), 900, 400, true, false).agesToScore()).isEmpty();
    }

    @Test
    void noPatternsGiveNone() {
        assertInScoringOrder(new ArrayList<>());
    }

    private static void assertInScoringOrder(List<List<Integer>> patterns) {
        TreeSet<List<Integer>> expected = new TreeSet<>((p, q) -> p.get(0).equals(q.get(0)) ? Integer.compare(p.get(1), q.get(1))
                : Integer.compare(p.get(0), q.get(0)));
        patterns.forEach(p -> expected.add(List.of(p.get(0), p.get(2))));
        List<BuyerAge> ordered = facts(patterns).agesInScoringOrder();
        assertThat(ordered).containsExactlyElementsOf(expected.stream().map(p -> new BuyerAge(p.get(0), p.get(1))).toList());
    }

    private static BuyerFacts facts(List<List<Integer>> patterns) {
        PatternColumns.Builder columns = new PatternColumns.Builder(16);
        patterns.forEach(p -> columns.add(p.get(0), p.get(1) / 7.0, p.get(2) / 7.0, 1));
        return new BuyerFacts(columns.build(), new SpendColumns.Builder(16).build(), 0, 0, false, false);
    }
}
