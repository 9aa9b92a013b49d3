package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose date covers every order reads its buyers from the purchase facts the imports keep (changeset 240); one
 * whose date does not aggregates the orders. Both must give every customer the same stored predictions, to the last
 * bit, and the facts path the buyers worked out by hand below.
 */
class FactsPathBuyersTest extends PredictionStoreFixture {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final long FACTS_RUN = 9_201;
    private static final long ORDERS_RUN = 9_202;

    private final ValueModel.Fitted model = new ValueModel.Fitted(BG, GG, -1, 5, 3, 0);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3'), ('c4'), ('c5'), ('c6')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + FACTS_RUN
                + ", 1, '2024-06-30', 'COMPLETED'), (" + ORDERS_RUN + ", 1, '2024-06-30', 'COMPLETED')");
        // c1: 2024-01-10 (20), 2024-03-01 (30.10 + 10.05, two orders one UTC day), 2024-05-20 (50.33): x 2, t_x 131,
        // T 172, repeat total 90.48, average 45.24
        order("c1", "2024-01-10T09:00:00Z", "20");
        order("c1", "2024-03-01T09:00:00Z", "30.10");
        order("c1", "2024-03-01T18:00:00Z", "10.05");
        order("c1", "2024-05-20T09:00:00Z", "50.33");
        // c2: one day, 2024-06-10, two orders (15 + 1.1): x 0, T 20
        order("c2", "2024-06-10T09:00:00Z", "15");
        order("c2", "2024-06-10T23:59:59Z", "1.1");
        // c3: a return before the first purchase and one after; 2024-02-01 (70) and 2024-04-01 (100.7), and on
        // 2024-04-01 a zero-value order (no purchase): x 1, t_x 60, T 150, repeat total 100.7
        order("c3", "2024-01-15T09:00:00Z", "-12");
        order("c3", "2024-02-01T09:00:00Z", "70");
        order("c3", "2024-04-01T09:00:00Z", "100.7");
        order("c3", "2024-04-01T10:00:00Z", "0");
        order("c3", "2024-05-01T09:00:00Z", "-40");
        // c4: the first day 2023-07-01 carries two orders (5 + 3) which are not repeat value; 2023-07-02 (8) and
        // 2023-07-03 at 23:30 UTC (4; 2023-07-04 in Berlin, the UTC day counts): x 2, t_x 2, T 365, repeat total 12, average 6
        order("c4", "2023-07-01T01:00:00Z", "5");
        order("c4", "2023-07-01T22:00:00Z", "3");
        order("c4", "2023-07-02T09:00:00Z", "8");
        order("c4", "2023-07-03T23:30:00Z", "4");
        // c5 only returned: no buyer; c6 never ordered
        order("c5", "2024-03-03T09:00:00Z", "-9");
        TestDatabase.refreshPurchaseFacts();
    }

    @Test
    void theFactsPathGivesTheHandWorkedBuyersAndTheSamePredictionsAsTheAggregationOfOrders() {
        BuyerFacts fromFacts = histories.ofRun(FACTS_RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        assertThat(buyers(FACTS_RUN)).containsExactly("c1|2|131|172|45.24", "c2|0|0|20|", "c3|1|60|150|100.7", "c4|2|2|365|6");
        store(FACTS_RUN);
        // no horizon: the facts are not trusted and the orders are aggregated (as for a date before the latest order)
        TestDatabase.execute("update purchase_facts_horizon set latest_ordered_at = null");
        BuyerFacts fromOrders = histories.ofRun(ORDERS_RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        assertThat(buyers(ORDERS_RUN)).containsExactly("c1|2|131|172|45.24", "c2|0|0|20|", "c3|1|60|150|100.7", "c4|2|2|365|6");
        store(ORDERS_RUN);

        assertThat(fromFacts.patternsInDays()).containsExactlyInAnyOrder(new BuyerPattern(0, 0, 20, 1), new BuyerPattern(1, 60, 150, 1),
                new BuyerPattern(2, 131, 172, 1), new BuyerPattern(2, 2, 365, 1));
        assertThat(fromOrders.patternsInDays()).containsExactlyInAnyOrderElementsOf(fromFacts.patternsInDays());
        assertThat(List.of(fromFacts.customers(), fromFacts.repeatBuyers())).containsExactly(4L, 3L);
        assertThat(List.of(fromOrders.customers(), fromOrders.repeatBuyers())).containsExactly(4L, 3L);
        List<CustomerPredictionRow> viaFacts = new ArrayList<>();
        List<CustomerPredictionRow> viaOrders = new ArrayList<>();
        predictions.streamCustomers(FACTS_RUN, viaFacts::add);
        predictions.streamCustomers(ORDERS_RUN, viaOrders::add);
        assertThat(viaFacts).extracting(CustomerPredictionRow::customerId).containsExactly("c1", "c2", "c3", "c4");
        assertThat(viaFacts).isEqualTo(viaOrders);
        assertThat(viaFacts.get(0).expectedPurchaseValue()).isEqualTo(GG.expectedAverageValue(2, 45.24));
    }

    @Test
    void aDateBeforeTheLatestOrderAggregatesTheOrders() {
        order("c6", "2024-07-02T09:00:00Z", "10");
        TestDatabase.refreshPurchaseFacts();
        histories.ofRun(FACTS_RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        // c6's order after the as-of day is in its facts, not among the run's buyers
        assertThat(buyers(FACTS_RUN)).containsExactly("c1|2|131|172|45.24", "c2|0|0|20|", "c3|1|60|150|100.7", "c4|2|2|365|6");
    }

    /** The run's buyer table, one line per buyer: customer, x, t_x and T in days, repeat average (shortest text of the double). */
    private List<String> buyers(long run) {
        return jdbc.sql("select c.customer_id, b.x, b.recency_days, b.age_days, b.repeat_average from " + RunBuyers.table(run)
                        + " b join customers c using (customer_key) order by c.customer_id")
                .query((rs, n) -> rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getInt(4) + "|"
                        + (rs.getObject(5) == null ? "" : trimmed(rs.getDouble(5)))).list();
    }

    private static String trimmed(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private void store(long run) {
        predictions.save(new PredictionSummary(run, PredictionStatus.FITTED, null, 4, 3, BG, GG, -1.0, 0.0, 12, 0.01), AS_OF,
                Optional.of(scoring(model)), GG);
    }

    private static void order(String customer, String at, String total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o' || nextval('order_key_blocks'), customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
