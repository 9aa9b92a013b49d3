package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.FitBounds;
import io.strata.domain.prediction.SpendColumns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repeat buyers' spends reach the fit in customer-key order (the order Gamma-Gamma's sums and its every-k-th start
 * sample follow, so that a base gives the same fit to the last bit at every read) although they are read in the scan's
 * order, which here is not the keys': the orders path aggregates by hash, and on the facts path half the facts rows were
 * rewritten after the others (an update moves a row to the table's end). Base: 300 customers c1 … c300, customer ci
 * buying 5.00 on 2024-01-01 and 1000 − i on a second day; so x = 1 and repeat average 1000 − i.
 */
class SpendsInKeyOrderTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final JdbcPurchaseHistories histories = PredictionStoreFixture.purchaseHistories();

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) select 'c' || i from generate_series(1, 300) i");
        TestDatabase.execute("""
                insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count)
                select nextval('order_key_blocks'), 'o' || c.customer_id || '-' || g, c.customer_key,
                       (date '2024-01-01' + case when g = 0 then 0 else 1 + i % 5 end)::timestamp at time zone 'UTC' + interval '9 hours',
                       case when g = 0 then 5 else 1000 - i end, 1
                from customers c, lateral (select substr(c.customer_id, 2)::int as i) n, generate_series(0, 1) g""");
    }

    @Test
    void spendsAggregatedFromTheOrdersComeInKeyOrder() {
        assertKeyOrder(histories.asOf(AS_OF, FitBounds.DEFAULT).spends());
    }

    @Test
    void spendsReadFromFactsRewrittenOutOfKeyOrderComeInKeyOrder() {
        TestDatabase.refreshPurchaseFacts();
        TestDatabase.execute("update customer_purchase_facts set monetary = monetary where customer_key % 2 = 0");
        List<Long> scanned = jdbc.sql("select customer_key from customer_purchase_facts").query(Long.class).list();
        assertThat(scanned).as("the facts' scan order is not the keys'").isNotEqualTo(scanned.stream().sorted().toList());
        BuyerFacts facts = histories.ofRun(9_301, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        histories.release(9_301);
        assertKeyOrder(facts.spends());
    }

    @Test
    void aSampleKeepsItsFirstBuyersByKey() {
        // a bound of 10 samples about 10 of the 300 by hash; whatever the sample, its spends come in key order
        assertKeyOrder(histories.asOf(AS_OF, new FitBounds(500_000, 10)).spends());
    }

    /** The spends equal those of the customers taken by ascending key, each 1000 − i for customer ci. */
    private void assertKeyOrder(SpendColumns spends) {
        List<String> byKey = jdbc.sql("select customer_id from customers order by customer_key").query(String.class).list();
        List<Double> expected = new ArrayList<>();
        byKey.forEach(id -> expected.add(1000.0 - Integer.parseInt(id.substring(1))));
        List<Double> actual = new ArrayList<>();
        for (int i = 0; i < spends.size(); i++) {
            assertThat(spends.x(i)).isEqualTo(1);
            actual.add(spends.average(i));
        }
        assertThat(actual).isNotEmpty();
        if (actual.size() == expected.size()) {
            assertThat(actual).containsExactlyElementsOf(expected);
        } else {
            // a sample: a subsequence of the key order, so strictly decreasing averages (1000 − i falls as the key rises)
            assertThat(expected).containsAll(actual);
            assertThat(actual).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
    }
}
