package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.domain.prediction.BgNbd;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Since changeset 470 the view works each buyer's P(alive) out at read, by {@code bg_nbd_inverse_p_alive} (1 / P(alive)
 * from the run's r, α, a, b and the buyer's x, t_x and T in days), in PostgreSQL's double precision. Oracles: P(alive)
 * worked out by hand (in Python's double precision, written here) at CDNOW's published fit, the domain's
 * {@link BgNbd#probabilityAlive} within 10⁻¹² relative, and the edges where PostgreSQL, unlike Java, raises an error on
 * an exp that overflows or underflows: there the view answers values as small as Java's, without an error.
 */
class ProbabilityAliveAtReadTest extends PredictionStoreFixture {

    private static final long RUN = 9_501;

    private double inverse(BgNbd model, int x, int recencyDays, int ageDays) {
        return jdbc.sql("select bg_nbd_inverse_p_alive(?, ?, ?, ?, ?, ?, ?)")
                .params(model.r(), model.alpha(), model.a(), model.b(), x, recencyDays, ageDays).query(Double.class).single();
    }

    @Test
    void probabilityAliveIsTheDomainsWithinTheLastBits() {
        // x, t_x and T in days, P(alive) by hand: 1 / (1 + a / (b + x − 1) · ((α + T/7) / (α + t_x/7))^(r + x))
        int[][] buyers = {{1, 60, 150}, {2, 131, 172}, {2, 2, 365}, {7, 300, 700}};
        double[] byHand = {0.5653844767761625, 0.7225499950542665, 0.01605038377554906, 0.03304814578390891};
        for (int i = 0; i < buyers.length; i++) {
            int[] b = buyers[i];
            double pAlive = 1 / inverse(BG, b[0], b[1], b[2]);
            assertThat(pAlive).as("buyer %d by hand", i).isCloseTo(byHand[i], within(1e-12));
            assertSameValue(pAlive, BG.probabilityAlive(b[0], b[1] / 7.0, b[2] / 7.0), "buyer " + i + " as the domain");
        }
        assertThat(inverse(BG, 0, 0, 400)).as("x = 0: alive by definition").isEqualTo(1.0);
        // on the benchmark's ridge (a and b about 10^6 and 10^7)
        BgNbd ridge = new BgNbd(0.3463335649076812, 1.0393392667083572, 4626168.790635454, 16333608.940673674);
        for (int[] b : buyers) {
            assertSameValue(1 / inverse(ridge, b[0], b[1], b[2]), ridge.probabilityAlive(b[0], b[1] / 7.0, b[2] / 7.0), "on the ridge");
        }
    }

    /**
     * x 200 with t_x 1 day and T 10 years: log-odds 945, whose exp PostgreSQL refuses as an overflow (Java: infinity, P(alive)
     * 0). Held at 700, the view answers 1e-304-sized values. a 10⁻³⁰⁵ against b 1000: log-odds −709.2, whose exp is below
     * the smallest normal double (PostgreSQL would refuse it); held at −700, 1 / P(alive) is exactly 1, as in Java.
     */
    @Test
    void logOddsBeyondWhatExpTakesGiveJavasValuesWithoutAnError() {
        assertThat(BG.probabilityAlive(200, 1 / 7.0, 3650 / 7.0)).isZero();
        double huge = inverse(BG, 200, 1, 3650);
        assertThat(1 / huge).isPositive().isLessThan(1e-300);

        BgNbd tiny = new BgNbd(0.2426, 4.4135, 1e-305, 1000);
        assertThat(tiny.probabilityAlive(1, 30 / 7.0, 30 / 7.0)).isEqualTo(1.0);
        assertThat(inverse(tiny, 1, 30, 30)).isEqualTo(1.0);

        // through the view, a run whose one buyer sits beyond the bound: values that small, no error
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('far')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN + ", 1, '2024-06-30', 'COMPLETED')");
        TestDatabase.execute("insert into run_predictions (run_id, status, customers, repeat_buyers, r, alpha, a, b, p, q, v, horizon_months,"
                + " monthly_discount, forecasts_if_alive) values (" + RUN + ", 'FITTED', 1, 1, 0.2426, 4.4135, 0.7929, 2.4258, 6.249, 3.745, 15.45, 12, 0.01, true)");
        TestDatabase.execute("create table run_prediction_buyers_" + RUN + " partition of run_prediction_buyers for values in (" + RUN + ")");
        TestDatabase.execute("insert into run_prediction_buyers select " + RUN + ", customer_key, 200, 1, 3650, 50 from customers");
        TestDatabase.execute("create table run_forecasts_if_alive_" + RUN + " partition of run_forecasts_if_alive for values in (" + RUN + ")");
        TestDatabase.execute("insert into run_forecasts_if_alive values (" + RUN + ", 200, 3650, 0.5, 1.5, 6, 5.5)");
        Map<String, CustomerPredictionRow> read = new TreeMap<>();
        predictions.streamCustomers(RUN, row -> read.put(row.customerId(), row));
        CustomerPredictionRow far = read.get("far");
        assertThat(far.probabilityAlive()).isPositive().isLessThan(1e-300);
        assertThat(far.purchases30d()).isPositive().isLessThan(1e-300);
        assertThat(far.purchases365d()).isPositive().isLessThan(1e-300);
        // 6.249 (15.45 + 200 · 50) / (6.249 · 200 + 3.745 − 1)
        assertThat(far.expectedPurchaseValue()).isCloseTo(49.96750, within(1e-5));
        assertThat(far.predictedValue()).isPositive().isLessThan(1e-298);
    }
}
