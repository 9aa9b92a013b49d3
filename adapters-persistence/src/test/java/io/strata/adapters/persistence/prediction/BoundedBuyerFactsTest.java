package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.FitBounds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fit reads is bounded whatever the number of buyers: 60 repeat buyers with 60 distinct patterns, bounds of
 * 10 patterns and 10 repeat buyers. The counts stay those of all buyers; the patterns and spends are those of a sample
 * picked by a stable hash of the customer key, the same at every read.
 */
class BoundedBuyerFactsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private final JdbcPurchaseHistories histories = PredictionStoreFixture.purchaseHistories();

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) select 'c' || i from generate_series(1, 60) i");
        // customer i: first purchase on 2024-01-01 + i days, a second 1 + i % 7 days later: x 1, T 181 - i, 60 distinct patterns
        TestDatabase.execute("""
                insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count)
                select nextval('order_key_blocks'), 'o' || c.customer_id || '-' || g, c.customer_key,
                       (date '2024-01-01' + i + case when g = 0 then 0 else 1 + i % 7 end)::timestamp at time zone 'UTC' + interval '9 hours',
                       10 + i, 1
                from customers c, lateral (select substr(c.customer_id, 2)::int as i) n, generate_series(0, 1) g""");
    }

    @Test
    void aBaseBeyondTheBoundsIsFittedOnTheSameSampleEveryTime() {
        BuyerFacts all = histories.asOf(AS_OF, FitBounds.DEFAULT);
        assertThat(all.patterns().size()).isEqualTo(60);
        assertThat(all.spends().size()).isEqualTo(60);
        assertThat(all.patternsSampled()).isFalse();

        FitBounds bounds = new FitBounds(10, 10);
        BuyerFacts first = histories.asOf(AS_OF, bounds);
        assertThat(first.customers()).isEqualTo(60);
        assertThat(first.repeatBuyers()).isEqualTo(60);
        assertThat(first.patternsSampled()).isTrue();
        assertThat(first.spendsSampled()).isTrue();
        assertThat(first.patterns().size()).isBetween(1, 10);
        assertThat(first.spends().size()).isBetween(1, 10);
        assertThat(first.patterns().totalBuyers()).isEqualTo(first.patterns().size());

        BuyerFacts again = histories.ofRun(9_201, AS_OF, Optional.empty(), () -> { }, bounds);
        histories.release(9_201);
        assertThat(again.patternsInDays()).isEqualTo(first.patternsInDays());
        assertThat(again.spends().size()).isEqualTo(first.spends().size());
        for (int i = 0; i < first.spends().size(); i++) {
            assertThat(again.spends().x(i)).isEqualTo(first.spends().x(i));
            assertThat(again.spends().average(i)).isEqualTo(first.spends().average(i));
        }
    }
}
