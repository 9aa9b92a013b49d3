package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forecasts of many patterns, summed once per run of patterns sharing x and T (since session 40 without boxed keys
 * or a concurrent map), are each pattern's own forecast ({@link ValueModel.Fitted#forecast(int, double, double,
 * ValueHorizon)}, every series summed for it alone) to the last bit: in scoring order, where one x and T follow each other,
 * and in any other order, where they come back after others or differ in one place only.
 */
class SharedForecastsTest {

    private static final ValueModel.Fitted CDNOW = new ValueModel.Fitted(new BgNbd(0.2426, 4.4135, 0.7929, 2.4258),
            new GammaGamma(6.25, 3.74, 15.44), -1, 7, 4, 0.1);
    /** a and b as a generated base without drop-out heterogeneity has them: the original series, not the transformed one. */
    private static final ValueModel.Fitted EDGE = new ValueModel.Fitted(new BgNbd(0.3466, 1.038, 1_230_000, 4_332_000),
            new GammaGamma(6.25, 3.74, 15.44), -1, 7, 4, 0.1);

    @Test
    void patternsInScoringOrderGetTheirOwnForecastsToTheLastBit() {
        // x 0 … 5, T 1 … 70 days, t_x up to T: 2,160 patterns, 420 (x, T) runs, enough for every core to take a share
        List<PurchasePattern> patterns = new ArrayList<>();
        for (int x = 0; x <= 5; x++) {
            for (int ageDays = 1; ageDays <= 70; ageDays++) {
                for (int recencyDays = 0; recencyDays <= (x == 0 ? 0 : Math.min(ageDays, 8)); recencyDays++) {
                    patterns.add(new PurchasePattern(x, recencyDays / 7.0, ageDays / 7.0, 1));
                }
            }
        }
        for (ValueModel.Fitted model : List.of(CDNOW, EDGE)) {
            assertThat(model.forecast(patterns, ValueHorizon.DEFAULT)).containsExactlyElementsOf(eachAlone(model, patterns));
        }
    }

    @Test
    void patternsInAnyOrderGetTheirOwnForecastsToTheLastBit() {
        // an (x, T) that comes back after others; neighbours that share x but not T, or T but not x; a T one ulp apart
        double age = 38.86;
        List<PurchasePattern> patterns = List.of(new PurchasePattern(2, 30.43, age, 3), new PurchasePattern(3, 30.43, age, 1),
                new PurchasePattern(2, 10, age, 1), new PurchasePattern(2, 10, Math.nextUp(age), 1), new PurchasePattern(2, 12, age, 2),
                new PurchasePattern(0, 0, age, 5), new PurchasePattern(2, 1, 20, 1), new PurchasePattern(0, 0, 20, 1),
                new PurchasePattern(2, 2, age, 1));
        for (ValueModel.Fitted model : List.of(CDNOW, EDGE)) {
            List<PatternForecast> forecasts = model.forecast(patterns, ValueHorizon.DEFAULT);
            assertThat(forecasts).containsExactlyElementsOf(eachAlone(model, patterns));
            // the oracle tells them apart: x and T each change the forecast if alive
            assertThat(forecasts.get(1).purchases365d()).isNotEqualTo(forecasts.get(0).purchases365d() / forecasts.get(0).probabilityAlive()
                    * forecasts.get(1).probabilityAlive());
        }
    }

    /**
     * What a run stores since changeset 470: the forecasts if alive of each (x, T), which every pattern with that x and T
     * divides by its own 1 / P(alive) to the last bit, for every t_x; x and T each change them; none finite, NotFitted.
     */
    @Test
    void forecastsIfAliveAreWhatEveryPatternOfTheirXAndAgeDividesByItsInverseProbabilityAlive() {
        int[] x = {0, 1, 1, 3, 40};
        double[] ages = {5, 38.86, 52, 52, 104};
        for (ValueModel.Fitted model : List.of(CDNOW, EDGE)) {
            PatternForecast.IfAlive[] ifAlive = model.forecastsIfAlive(x, ages, ValueHorizon.DEFAULT);
            assertThat(ifAlive).hasSize(5);
            for (int k = 0; k < x.length; k++) {
                for (double recency : x[k] == 0 ? new double[] {0} : new double[] {0.5, ages[k] / 3, ages[k]}) {
                    PatternForecast own = model.forecast(x[k], recency, ages[k], ValueHorizon.DEFAULT);
                    double inverse = model.bgNbd().inverseProbabilityAlive(x[k], recency, ages[k]);
                    assertThat(ifAlive[k].purchases30d() / inverse).isEqualTo(own.purchases30d());
                    assertThat(ifAlive[k].purchases90d() / inverse).isEqualTo(own.purchases90d());
                    assertThat(ifAlive[k].purchases365d() / inverse).isEqualTo(own.purchases365d());
                    assertThat(ifAlive[k].discountedPurchases() / inverse).isEqualTo(own.discountedPurchases());
                }
            }
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

    @Test
    void noPatternsNoForecasts() {
        assertThat(CDNOW.forecast(List.of(), ValueHorizon.DEFAULT)).isEmpty();
    }

    private static List<PatternForecast> eachAlone(ValueModel.Fitted model, List<PurchasePattern> patterns) {
        return patterns.stream().map(p -> model.forecast(p.x(), p.recency(), p.age(), ValueHorizon.DEFAULT)).toList();
    }
}
