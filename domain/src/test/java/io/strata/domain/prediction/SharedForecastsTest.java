package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forecasts if alive of many (x, T), summed on every core, are what each pattern with that x and T divides by its own
 * 1 / P(alive) to get its own forecast ({@link ValueModel.Fitted#forecast(int, double, double, ValueHorizon)}, every
 * series summed for it alone), to the last bit, for every t_x: in scoring order and in any other order, with pairs
 * that differ in one place only.
 */
class SharedForecastsTest {

    private static final ValueModel.Fitted CDNOW = new ValueModel.Fitted(new BgNbd(0.2426, 4.4135, 0.7929, 2.4258),
            new GammaGamma(6.25, 3.74, 15.44), -1, 7, 4, 0.1);
    /** a and b as a generated base without drop-out heterogeneity has them: the original series, not the transformed one. */
    private static final ValueModel.Fitted EDGE = new ValueModel.Fitted(new BgNbd(0.3466, 1.038, 1_230_000, 4_332_000),
            new GammaGamma(6.25, 3.74, 15.44), -1, 7, 4, 0.1);

    @Test
    void pairsInScoringOrderGiveEveryPatternItsOwnForecastsToTheLastBit() {
        // x 0 … 5, T 1 … 70 days, t_x up to T: 420 (x, T) pairs and 2,160 patterns, enough for every core to take a share
        List<Integer> xs = new ArrayList<>();
        List<Double> ages = new ArrayList<>();
        for (int x = 0; x <= 5; x++) {
            for (int ageDays = 1; ageDays <= 70; ageDays++) {
                xs.add(x);
                ages.add(ageDays / 7.0);
            }
        }
        for (ValueModel.Fitted model : List.of(CDNOW, EDGE)) {
            assertEveryPatternDividesItsPair(model, xs, ages, x -> ageDays -> x == 0 ? new double[] {0}
                    : java.util.stream.IntStream.rangeClosed(0, Math.min((int) Math.round(ageDays * 7), 8)).mapToDouble(d -> d / 7.0).toArray());
        }
    }

    @Test
    void pairsInAnyOrderGiveEveryPatternItsOwnForecastsToTheLastBit() {
        // an (x, T) that comes back after others; neighbours that share x but not T, or T but not x; a T one ulp apart
        double age = 38.86;
        List<Integer> xs = List.of(2, 3, 2, 2, 0, 2, 0, 2);
        List<Double> ages = List.of(age, age, Math.nextUp(age), 20.0, age, 20.0, 20.0, age);
        for (ValueModel.Fitted model : List.of(CDNOW, EDGE)) {
            assertEveryPatternDividesItsPair(model, xs, ages, x -> ageDays -> x == 0 ? new double[] {0} : new double[] {1, 10, 12, 20});
            PatternForecast.IfAlive[] ifAlive = model.forecastsIfAlive(xs.stream().mapToInt(Integer::intValue).toArray(),
                    ages.stream().mapToDouble(Double::doubleValue).toArray(), ValueHorizon.DEFAULT);
            // the oracle tells them apart: x and T each change the forecast if alive, the same pair gives the same values
            assertThat(ifAlive[1].purchases365d()).isNotEqualTo(ifAlive[0].purchases365d());
            assertThat(ifAlive[3].purchases365d()).isNotEqualTo(ifAlive[0].purchases365d());
            assertThat(ifAlive[7]).isEqualTo(ifAlive[0]);
        }
    }

    private static void assertEveryPatternDividesItsPair(ValueModel.Fitted model, List<Integer> xs, List<Double> ages,
                                                         java.util.function.IntFunction<java.util.function.DoubleFunction<double[]>> recencies) {
        int[] x = xs.stream().mapToInt(Integer::intValue).toArray();
        double[] age = ages.stream().mapToDouble(Double::doubleValue).toArray();
        PatternForecast.IfAlive[] ifAlive = model.forecastsIfAlive(x, age, ValueHorizon.DEFAULT);
        assertThat(ifAlive).hasSize(x.length);
        for (int k = 0; k < x.length; k++) {
            for (double recency : recencies.apply(x[k]).apply(age[k])) {
                PatternForecast own = model.forecast(x[k], recency, age[k], ValueHorizon.DEFAULT);
                double inverse = model.bgNbd().inverseProbabilityAlive(x[k], recency, age[k]);
                assertThat(ifAlive[k].purchases30d() / inverse).isEqualTo(own.purchases30d());
                assertThat(ifAlive[k].purchases90d() / inverse).isEqualTo(own.purchases90d());
                assertThat(ifAlive[k].purchases365d() / inverse).isEqualTo(own.purchases365d());
                assertThat(ifAlive[k].discountedPurchases() / inverse).isEqualTo(own.discountedPurchases());
            }
        }
    }

    /**
     * What a run stores since changeset 470: the forecasts if alive of each (x, T), which every pattern with that x and T
     * divides by its own 1 / P(alive) to the last bit, for every t_x; x and T each change them; none finite, NotFitted.
     */
    @Test
    void forecastsIfAliveAreWhatEveryPatternOfTheirXAndAgeDividesByItsInverseProbabilityAlive() {
        List<Integer> x = List.of(0, 1, 1, 3, 40);
        List<Double> ages = List.of(5.0, 38.86, 52.0, 52.0, 104.0);
        for (ValueModel.Fitted model : List.of(CDNOW, EDGE)) {
            assertEveryPatternDividesItsPair(model, x, ages, xs -> age -> xs == 0 ? new double[] {0} : new double[] {0.5, age / 3, age});
            PatternForecast.IfAlive[] ifAlive = model.forecastsIfAlive(new int[] {0, 1, 1, 3, 40}, new double[] {5, 38.86, 52, 52, 104},
                    ValueHorizon.DEFAULT);
            assertThat(ifAlive[2].purchases365d()).isNotEqualTo(ifAlive[1].purchases365d()).isNotEqualTo(ifAlive[3].purchases365d());
        }
        assertThat(CDNOW.forecastsIfAlive(new int[0], new double[0], ValueHorizon.DEFAULT)).isEmpty();
        assertThatThrownBy(() -> CDNOW.forecastsIfAlive(new int[] {1}, new double[0], ValueHorizon.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        // a of 1: the forecast's factor (a + b + x − 1) / (a − 1) is infinite, as is every pattern's forecast with it
        ValueModel.Fitted broken = new ValueModel.Fitted(new BgNbd(0.2426, 4.4135, 1, 2.4258), new GammaGamma(6.25, 3.74, 15.44), -1, 7,
                4, 0.1);
        assertThatThrownBy(() -> broken.forecast(2, 10, 52, ValueHorizon.DEFAULT)).isInstanceOf(NotFitted.class);
        assertThatThrownBy(() -> broken.forecastsIfAlive(new int[] {2}, new double[] {52}, ValueHorizon.DEFAULT))
                .isInstanceOf(NotFitted.class).hasMessageContaining("no finite forecast for x 2, T 52.00");
    }
}
