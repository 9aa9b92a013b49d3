package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.PatternScoring;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * What the prediction store's tests share: CDNOW's published models (Fader, Hardie & Lee; the lifetimes library's
 * unrounded fits), the default horizon, and the two adapters on the test database, made afresh per test instance.
 */
abstract class PredictionStoreFixture {

    static final BgNbd BG = new BgNbd(0.2426, 4.4135, 0.7929, 2.4258);
    static final GammaGamma GG = new GammaGamma(6.249, 3.745, 15.45);
    static final ValueHorizon HORIZON = new ValueHorizon(12, 0.01);
    static final DatabaseSettings SETTINGS = new DatabaseSettings("", "", "", 4, java.time.Duration.ofSeconds(30), DatabaseSettings.Tuning.defaults());

    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    final JdbcTransactionManager transactions = new JdbcTransactionManager(TestDatabase.dataSource());
    final JdbcPurchaseHistories histories = new JdbcPurchaseHistories(jdbc, TestDatabase.dataSource(), transactions, SETTINGS);

    /** The purchase histories adapter alone on the test database, for the buyer-reading tests that store nothing. */
    static JdbcPurchaseHistories purchaseHistories() {
        return new JdbcPurchaseHistories(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource(),
                new JdbcTransactionManager(TestDatabase.dataSource()), SETTINGS);
    }
    final JdbcRunPredictions predictions = new JdbcRunPredictions(jdbc, TestDatabase.dataSource(), transactions, SETTINGS, 2);

    /** The model's forecasts if alive for each (x, T) of a chunk, T in weeks of 7 days, as PredictionService scores them. */
    static List<io.strata.domain.prediction.PatternForecast.IfAlive> ifAlive(ValueModel.Fitted model, List<BuyerAge> chunk) {
        return List.of(model.forecastsIfAlive(chunk.stream().mapToInt(BuyerAge::x).toArray(),
                chunk.stream().mapToDouble(BuyerAge::ageInWeeks).toArray(), HORIZON));
    }

    static PatternScoring scoring(ValueModel.Fitted model) {
        return chunk -> ifAlive(model, chunk);
    }

    /** Relative to the value: 10⁻¹² (see {@link #assertSameValue}). */
    static final double RELATIVE = 1e-12;

    /**
     * A value the view works out against the domain's for the same buyer. Since changeset 470 the view works P(alive)
     * out in PostgreSQL, whose ln and exp are the C library's, and divides the stored forecasts if alive by 1 / P(alive)
     * there, where the domain uses Java's Math (and writes that quotient with pow): the two may differ in the last bits,
     * not more (the log-odds' rounding moves exp by at most |log-odds| · 2⁻⁵³ relative, 8 · 10⁻¹⁴ at the view's bound of
     * 700). Until then the store wrote the domain's doubles and the view's were the same to the last bit.
     */
    static void assertSameValue(Double actual, double expected, String what) {
        assertThat(actual).as(what).isNotNull();
        if (expected == 0) {
            assertThat(actual).as(what).isZero();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, withinPercentage(100 * RELATIVE));
        }
    }
}
