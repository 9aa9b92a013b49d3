package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.PatternScoring;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.CustomerPrediction;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A run's buyers are scored by distinct (x, T), a chunk at a time through COPY, and each customer's predictions as the
 * view works them out are those of the domain's {@link ValueModel.Fitted#predict} for the customer's own facts (worked
 * out by hand below, in days) under a fixed model (CDNOW's published fit), within 10⁻¹² relative (P(alive) is worked
 * out in PostgreSQL since changeset 470, see {@link PredictionStoreFixture#assertSameValue}). Chunks of 2, so that the
 * four (x, T) cross chunk boundaries and the COPY runs between fetches of the open cursor.
 */
class PatternScoredRunTest extends PredictionStoreFixture {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final long RUN = 9_101;

    private final ValueModel.Fitted model = new ValueModel.Fitted(BG, GG, -1, 6, 3, 0);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3'), ('c4'), ('c5'), ('c6')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN
                + ", 1, '2024-06-30', 'COMPLETED')");
        // c1: first day 2024-01-10, then 2024-03-01 (two orders, 30 + 10) and 2024-05-20 (50): x 2, t_x 131, T 172, average 45
        order("c1", "2024-01-10T09:00:00Z", 20);
        order("c1", "2024-03-01T09:00:00Z", 30);
        order("c1", "2024-03-01T18:00:00Z", 10);
        order("c1", "2024-05-20T09:00:00Z", 50);
        // c2 and c5 share a pattern: one purchase day 2024-06-10: x 0, T 20
        order("c2", "2024-06-10T09:00:00Z", 15);
        order("c5", "2024-06-10T11:00:00Z", 99);
        // c3: 2024-02-01 and 2024-04-01 (100), a return on 2024-05-01 that is no purchase: x 1, t_x 60, T 150, average 100
        order("c3", "2024-02-01T09:00:00Z", 70);
        order("c3", "2024-04-01T09:00:00Z", 100);
        order("c3", "2024-05-01T09:00:00Z", -40);
        // c4: 2023-07-01, 2023-07-02 (8) and 2023-07-03 (4), x 2, t_x 2, T 365, average 6; an order after the as-of day does not count
        order("c4", "2023-07-01T09:00:00Z", 5);
        order("c4", "2023-07-02T09:00:00Z", 8);
        order("c4", "2023-07-03T09:00:00Z", 4);
        order("c4", "2024-07-01T09:00:00Z", 500);
        // c6 never bought
    }

    @Test
    void everyCustomersStoredPredictionsAreTheDomainsForTheirOwnFacts() {
        BuyerFacts facts = histories.ofRun(RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        assertThat(facts.patternsInDays()).containsExactlyInAnyOrder(new BuyerPattern(0, 0, 20, 2), new BuyerPattern(1, 60, 150, 1),
                new BuyerPattern(2, 131, 172, 1), new BuyerPattern(2, 2, 365, 1));
        assertThat(facts.customers()).isEqualTo(5);
        assertThat(facts.repeatBuyers()).isEqualTo(3);
        assertThat(facts.patternsSampled()).isFalse();
        assertThat(facts.spendsSampled()).isFalse();

        List<Integer> chunkSizes = new ArrayList<>();
        predictions.save(summary(), AS_OF, Optional.of(chunk -> {
            chunkSizes.add(chunk.size());
            return ifAlive(model, chunk);
        }), GG);

        assertThat(chunkSizes).containsExactly(2, 2);
        Map<String, CustomerPredictionRow> stored = storedOfTheFiveCustomers();
        assertThat(predictions.latestFor("c3")).contains(stored.get("c3"));
        // the run's buyer table is kept as the per-customer part of its predictions (changeset 270), the forecasts once per
        // (x, T) (changeset 470), none per pattern
        assertThat(jdbc.sql("select relispartition from pg_class where oid = to_regclass('" + RunBuyers.table(RUN) + "')")
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from run_forecasts_if_alive where run_id = " + RUN).query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from run_pattern_forecasts where run_id = " + RUN).query(Long.class).single()).isZero();
    }

    /**
     * When the fit read every pattern (no sample), the scorer holds their (x, T) and the store scores those, in their
     * order, a chunk at a time, without grouping the buyers again: the chunks are the held (x, T) themselves, and the
     * values read are the same.
     */
    @Test
    void agesOfThePatternsTheFitReadAreScoredAsHeldWithoutGroupingTheBuyersAgain() {
        BuyerFacts facts = histories.ofRun(RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        List<BuyerAge> held = List.of(new BuyerAge(0, 20), new BuyerAge(1, 150), new BuyerAge(2, 172), new BuyerAge(2, 365));
        assertThat(facts.agesInScoringOrder()).containsExactlyElementsOf(held);
        List<BuyerAge> scored = new ArrayList<>();
        predictions.save(summary(), AS_OF, Optional.of(new PatternScoring() {
            @Override
            public List<PatternForecast.IfAlive> forecastsIfAlive(List<BuyerAge> chunk) {
                scored.addAll(chunk);
                return ifAlive(model, chunk);
            }

            @Override
            public Optional<List<BuyerAge>> held() {
                return Optional.of(held);
            }
        }), GG);

        assertThat(scored).containsExactlyElementsOf(held);
        // copied in frozen (COPY … FREEZE): every page of the forecasts is all-visible as written, before any vacuum (the
        // store's analyze reads the visibility map into pg_class)
        assertThat(jdbc.sql("select relpages > 0 and relallvisible = relpages from pg_class where relname = ?")
                .param(JdbcRunPredictions.forecastsPartition(RUN)).query(Boolean.class).single()).as("all-visible forecast pages").isTrue();
        storedOfTheFiveCustomers();
        assertThat(jdbc.sql("select count(*) from run_forecasts_if_alive where run_id = " + RUN).query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select to_regclass(?) is null").param(RunBuyers.patterns(RUN)).query(Boolean.class).single())
                .as("no table of patterns left behind").isTrue();
    }

    @Test
    void withoutScoringTheBuyersAreStoredWithEmptyPredictedFields() {
        histories.ofRun(RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        predictions.save(new PredictionSummary(RUN, PredictionStatus.NOT_FITTED, "no", 5, 3, null, null, null, null, 12, 0.01), AS_OF,
                Optional.empty(), null);
        List<CustomerPredictionRow> stored = new ArrayList<>();
        predictions.streamCustomers(RUN, stored::add);
        assertThat(stored).extracting(CustomerPredictionRow::customerId).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(stored).allSatisfy(row -> assertThat(row).isEqualTo(new CustomerPredictionRow(row.customerId(), null, null, null, null,
                null, null)));
        assertThat(jdbc.sql("select forecasts_if_alive from run_predictions where run_id = " + RUN).query(Boolean.class).single()).isTrue();
    }

    /** The run's stored predictions, each customer's against the model's forecast for its (x, t_x, T) and spend worked out by hand. */
    private Map<String, CustomerPredictionRow> storedOfTheFiveCustomers() {
        Map<String, CustomerPredictionRow> stored = new TreeMap<>();
        predictions.streamCustomers(RUN, row -> stored.put(row.customerId(), row));
        assertThat(stored).containsOnlyKeys("c1", "c2", "c3", "c4", "c5");
        expect(stored.get("c1"), 2, 131, 172, 45);
        expect(stored.get("c2"), 0, 0, 20, 0);
        expect(stored.get("c5"), 0, 0, 20, 0);
        expect(stored.get("c3"), 1, 60, 150, 100);
        expect(stored.get("c4"), 2, 2, 365, 6);
        return stored;
    }

    private void expect(CustomerPredictionRow row, int x, int recencyDays, int ageDays, double average) {
        CustomerPrediction expected = model.predict(model.forecast(x, recencyDays / 7.0, ageDays / 7.0, HORIZON), x, average);
        assertSameValue(row.probabilityAlive(), expected.probabilityAlive(), row.customerId() + " P(alive)");
        assertSameValue(row.purchases30d(), expected.purchases30d(), row.customerId() + " 30 days");
        assertSameValue(row.purchases90d(), expected.purchases90d(), row.customerId() + " 90 days");
        assertSameValue(row.purchases365d(), expected.purchases365d(), row.customerId() + " 365 days");
        assertSameValue(row.expectedPurchaseValue(), expected.expectedPurchaseValue(), row.customerId() + " expected purchase value");
        assertSameValue(row.predictedValue(), expected.predictedValue(), row.customerId() + " predicted value");
    }

    private static PredictionSummary summary() {
        return new PredictionSummary(RUN, PredictionStatus.FITTED, null, 5, 3, BG, GG, -1.0, 0.0, 12, 0.01);
    }

    private static void order(String customer, String at, double total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o' || nextval('order_key_blocks'), customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
