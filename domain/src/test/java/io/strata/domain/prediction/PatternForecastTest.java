package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A pattern's forecasts are those if alive of its (x, T) divided by its own 1 / P(alive). Oracles: the values the former
 * per-pattern evaluation (13 series per pattern, equation 10 as a whole) printed for these patterns, to 15 digits.
 */
class PatternForecastTest {

    private static final BgNbd CDNOW = new BgNbd(0.2426, 4.4135, 0.7929, 2.4258);
    /** a and b as fitted to a generated base without drop-out heterogeneity: the forecast sums the original series. */
    private static final BgNbd EDGE = new BgNbd(0.3466, 1.038, 1_230_000, 4_332_000);

    private static List<PatternForecast> forecasts(BgNbd model) {
        ValueModel.Fitted fitted = new ValueModel.Fitted(model, new GammaGamma(6.25, 3.74, 15.44), -1, 7, 4, 0.1);
        // the first two and the last two share x and T: their forecasts if alive are the same, P(alive) differs
        return List.of(new PurchasePattern(2, 30.43, 38.86, 3), new PurchasePattern(2, 10, 38.86, 1),
                new PurchasePattern(0, 0, 38.86, 5), new PurchasePattern(150, 200, 210, 1), new PurchasePattern(7, 20, 39, 2),
                new PurchasePattern(7, 39, 39, 1)).stream()
                .map(p -> fitted.forecast(p.x(), p.recency(), p.age(), ValueHorizon.DEFAULT)).toList();
    }

    @Test
    void forecastsSharedByXAndAgeEqualThePerPatternFormula() {
        List<PatternForecast> f = forecasts(CDNOW);
        expect(f.get(0), 0.726607997300156, 0.157595638695806, 0.452449390783889, 1.56208728576777, 1.45470655936028);
        expect(f.get(2), 1.00000000000000, 0.0236733784298099, 0.0690767513558008, 0.252280812054508, 0.234393818717925);
        expect(f.get(3), 0.127454361333090, 0.379794146663626, 1.12222995994976, 4.26820431468823, 3.95932471338049);
        expect(f.get(4), 0.141154789499421, 0.0978830797684269, 0.277665559786645, 0.923184038204710, 0.861033597649594);
    }

    @Test
    void patternsSharingXAndAgeDifferOnlyByTheirProbabilityOfBeingAlive() {
        List<PatternForecast> f = forecasts(CDNOW);
        // one shared numerator: the ratio of any two forecasts is the ratio of P(alive)
        double ratio = f.get(1).probabilityAlive() / f.get(0).probabilityAlive();
        assertThat(f.get(1).purchases365d() / f.get(0).purchases365d()).isCloseTo(ratio, within(1e-12));
        assertThat(f.get(1).purchases365d()).isCloseTo(CDNOW.expectedPurchases(365 / 7.0, 2, 10, 38.86), within(1e-12));
        assertThat(f.get(5).purchases90d()).isCloseTo(CDNOW.expectedPurchases(90 / 7.0, 7, 39, 39), within(1e-12));
    }

    @Test
    void atTheEdgeOfTheParametersTheSharedForecastsStillEqualTheFormula() {
        List<PatternForecast> f = forecasts(EDGE);
        expect(f.get(0), 0.668639479479188, 0.162064329781665, 0.451009052318286, 1.35712229281915, 1.27196285983931);
        expect(f.get(2), 1.00000000000000, 0.0366460372432885, 0.106614741309683, 0.380899464418892, 0.354289144589076);
        expect(f.get(3), 0.00237728529711977, 0.00526939386817510, 0.00931274303730641, 0.0107466516365526, 0.0105311579529512);
        expect(f.get(4), 0.0302215958046680, 0.0215812215089394, 0.0541045068201685, 0.115373016905198, 0.109867401904196);
    }

    private static void expect(PatternForecast f, double alive, double in30, double in90, double in365, double discounted) {
        assertThat(f.probabilityAlive()).isCloseTo(alive, within(1e-13));
        assertThat(f.purchases30d()).isCloseTo(in30, within(1e-13));
        assertThat(f.purchases90d()).isCloseTo(in90, within(1e-13));
        assertThat(f.purchases365d()).isCloseTo(in365, within(1e-13));
        assertThat(f.discountedPurchases()).isCloseTo(discounted, within(1e-13));
    }
}
