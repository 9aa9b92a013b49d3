package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.ValueHorizon;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * What the prediction store's tests share: CDNOW's published models (Fader, Hardie & Lee; the lifetimes library's
 * unrounded fits), the default horizon, and the two adapters on the test database, made afresh per test instance.
 */
abstract class PredictionStoreFixture {

    static final BgNbd BG = new BgNbd(0.2426, 4.4135, 0.7929, 2.4258);
    static final GammaGamma GG = new GammaGamma(6.249, 3.745, 15.45);
    static final ValueHorizon HORIZON = new ValueHorizon(12, 0.01);
    static final DatabaseSettings SETTINGS = new DatabaseSettings("", "", "", 2, DatabaseSettings.Tuning.defaults());

    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    final JdbcTransactionManager transactions = new JdbcTransactionManager(TestDatabase.dataSource());
    final JdbcPurchaseHistories histories = new JdbcPurchaseHistories(jdbc, TestDatabase.dataSource(), transactions, SETTINGS);

    /** The purchase histories adapter alone on the test database, for the buyer-reading tests that store nothing. */
    static JdbcPurchaseHistories purchaseHistories() {
        return new JdbcPurchaseHistories(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource(),
                new JdbcTransactionManager(TestDatabase.dataSource()), SETTINGS);
    }
    final JdbcRunPredictions predictions = new JdbcRunPredictions(jdbc, TestDatabase.dataSource(), transactions, SETTINGS, 2);
}
