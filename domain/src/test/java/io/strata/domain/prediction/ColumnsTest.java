package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The columns the models sweep (PatternColumns, SpendColumns) and the spend correlation the fit checks first
 * (SpendCorrelation). Oracles: the patterns and spends written here, the sample's indices and the correlations worked out
 * by hand.
 */
class ColumnsTest {

    /** Pattern i has x = i, recency i days and age 100 days, i + 1 buyers. */
    private static PatternColumns patterns(int n) {
        PatternColumns.Builder builder = new PatternColumns.Builder(4);
        for (int i = 0; i < n; i++) {
            builder.add(i, i == 0 ? 0 : i, 100, i + 1);
        }
        return builder.build();
    }

    @Test
    void everyKthPatternWithKTheCeilingOfSizeOverMost() {
        // 19 patterns, at most 10: every ceil(19 / 10) = 2nd, the 10 patterns 0, 2, …, 18
        PatternColumns sample = patterns(19).every(10);
        assertThat(sample.size()).isEqualTo(10);
        for (int k = 0; k < 10; k++) {
            assertThat(sample.get(k)).isEqualTo(new PurchasePattern(2 * k, 2 * k, 100, 2 * k + 1));
        }
        // 21 at most 10: every 3rd, 0, 3, …, 18 (7 of them)
        assertThat(patterns(21).every(10).toList()).extracting(PurchasePattern::x).containsExactly(0, 3, 6, 9, 12, 15, 18);
        // 10 at most 10: all of them
        assertThat(patterns(10).every(10).toList()).isEqualTo(patterns(10).toList());
    }

    @Test
    void spendsAreSampledTheSameWay() {
        SpendColumns.Builder builder = new SpendColumns.Builder(2);
        for (int i = 1; i <= 19; i++) {
            builder.add(i, 10.0 * i);
        }
        SpendColumns sample = builder.build().every(10);
        assertThat(sample.size()).isEqualTo(10);
        for (int k = 0; k < 10; k++) {
            assertThat(sample.x(k)).isEqualTo(2 * k + 1);
            assertThat(sample.average(k)).isEqualTo(10.0 * (2 * k + 1));
        }
    }

    @Test
    void daysBecomeWeeksAndTheCountsStay() {
        PatternColumns weeks = patterns(3).scaled(7);
        assertThat(weeks.toList()).containsExactly(new PurchasePattern(0, 0, 100 / 7.0, 1), new PurchasePattern(1, 1 / 7.0, 100 / 7.0, 2),
                new PurchasePattern(2, 2 / 7.0, 100 / 7.0, 3));
        assertThat(weeks.totalBuyers()).isEqualTo(6);
        assertThat(weeks.repeatBuyers()).isEqualTo(5);
        assertThat(PatternColumns.of(List.of()).toList()).isEmpty();
    }

    @Test
    void twoRepeatBuyersAreCorrelatedFullyOneWayOrTheOther() {
        assertThat(SpendCorrelation.of(List.of(new RepeatSpend(1, 10), new RepeatSpend(3, 40)))).isCloseTo(1, within(1e-15));
        assertThat(SpendCorrelation.of(List.of(new RepeatSpend(1, 40), new RepeatSpend(3, 10)))).isCloseTo(-1, within(1e-15));
        // one buyer, or no variation in either: 0
        assertThat(SpendCorrelation.of(List.of(new RepeatSpend(2, 10)))).isZero();
        assertThat(SpendCorrelation.of(List.of(new RepeatSpend(2, 10), new RepeatSpend(2, 30)))).isZero();
        assertThat(SpendCorrelation.of(List.of())).isZero();
    }

    @Test
    void pearsonsCorrelationOfThreeBuyers() {
        // x 1, 2, 3 and spend 10, 30, 20: sxy = 10, sxx = 2, syy = 200, r = 10 / sqrt(400) = 0.5
        assertThat(SpendCorrelation.of(List.of(new RepeatSpend(1, 10), new RepeatSpend(2, 30), new RepeatSpend(3, 20)))).isCloseTo(0.5,
                within(1e-15));
    }

    /** The builder checks each pattern as PurchasePattern does, with its words, and adds in a chain. */
    @Test
    void theBuilderRefusesWhatAPatternRefuses() {
        PatternColumns.Builder builder = new PatternColumns.Builder(1).add(0, 0, 10, 1).add(3, 10, 10, 2);
        assertThat(builder.size()).isEqualTo(2);
        double inf = Double.POSITIVE_INFINITY;
        for (double[] bad : new double[][] {{-1, 0, 10, 1}, {1, 2, 10, 0}, {1, -1, 10, 1}, {1, 11, 10, 1}, {1, 2, inf, 1}, {1, Double.NaN, 10, 1},
                {0, 3, 10, 1}}) {
            assertThatThrownBy(() -> builder.add((int) bad[0], bad[1], bad[2], (long) bad[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a ");
        }
        assertThat(builder.build().toList()).containsExactly(new PurchasePattern(0, 0, 10, 1), new PurchasePattern(3, 10, 10, 2));
    }

    @Test
    void theSpendBuilderRefusesWhatARepeatSpendRefuses() {
        SpendColumns.Builder builder = new SpendColumns.Builder(1).add(1, 5).add(2, 7.5);
        assertThat(builder.size()).isEqualTo(2);
        for (double[] bad : new double[][] {{0, 5}, {1, 0}, {1, -2}, {1, Double.NaN}, {1, Double.POSITIVE_INFINITY}}) {
            assertThatThrownBy(() -> builder.add((int) bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Gamma-Gamma needs a repeat buyer");
        }
        assertThat(builder.build().size()).isEqualTo(2);
    }
}
