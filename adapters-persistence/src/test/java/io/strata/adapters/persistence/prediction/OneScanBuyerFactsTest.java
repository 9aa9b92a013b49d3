package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.FitBounds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buyers read in one scan (patterns counted and spends sampled in the JVM) equal what PostgreSQL gave when it
 * grouped the patterns and filtered the spends itself, as session 32 read them: the oracle is those two statements,
 * written out here over a table of the same buyers, with the sample's hash threshold worked out here from its
 * definition (0.99 · bound / repeat buyers of 2^63 − 1). Base: 400 customers with 1 to 5 purchase days, many sharing a
 * pattern; bounds that keep everything, that sample the spends (pruned many times over as they stream by) and that
 * sample both.
 */
class OneScanBuyerFactsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final JdbcPurchaseHistories histories = PredictionStoreFixture.purchaseHistories();

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) select 'c' || i from generate_series(1, 400) i");
        // customer i: a first purchase on 2024-01-01 + i % 37 days, then i % 5 further days, 1 + i % 3 days apart
        TestDatabase.execute("""
                insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count)
                select nextval('order_key_blocks'), 'o' || c.customer_id || '-' || g, c.customer_key,
                       (date '2024-01-01' + i % 37 + g * (1 + i % 3))::timestamp at time zone 'UTC' + interval '9 hours',
                       10 + (i * (g + 1)) % 50, 1
                from customers c, lateral (select substr(c.customer_id, 2)::int as i) n, lateral generate_series(0, i % 5) g""");
        TestDatabase.execute("drop table if exists one_scan_oracle");
        jdbc.sql(RunBuyers.createAs("create table one_scan_oracle", 0, AS_OF, false)).update();
    }

    @AfterEach
    void dropOracle() {
        TestDatabase.execute("drop table if exists one_scan_oracle");
    }

    @Test
    void everyBuyerWithinTheBounds() {
        BuyerFacts facts = histories.asOf(AS_OF, FitBounds.DEFAULT);
        assertThat(facts.customers()).isEqualTo(400);
        assertThat(facts.repeatBuyers()).isEqualTo(320);
        assertThat(facts.patternsSampled()).isFalse();
        assertThat(facts.spendsSampled()).isFalse();
        assertThat(facts.patternsInDays()).isEqualTo(patterns("true", 500_000));
        assertThat(facts.patterns().size()).isLessThan(400); // patterns are shared: counts above 1 are checked too
        assertSpends(facts, "true", 500_000);
    }

    @Test
    void spendsBeyondTheirBoundAreTheSampleTheStatementKept() {
        int bound = 12; // 320 repeat buyers: the rows kept are pruned each time they fill 24
        BuyerFacts facts = histories.asOf(AS_OF, new FitBounds(500_000, bound));
        assertThat(facts.spendsSampled()).isTrue();
        assertThat(facts.patternsInDays()).isEqualTo(patterns("true", 500_000));
        assertSpends(facts, hashBelow(0.99 * bound / 320), bound);
        assertThat(facts.spends().size()).isBetween(1, bound);
    }

    @Test
    void patternsAndSpendsBeyondTheirBoundsAreTheSamplesTheStatementsKept() {
        BuyerFacts facts = histories.ofRun(9_401, AS_OF, Optional.empty(), () -> { }, new FitBounds(20, 30));
        histories.release(9_401);
        assertThat(facts.customers()).isEqualTo(400);
        assertThat(facts.repeatBuyers()).isEqualTo(320);
        assertThat(facts.patternsSampled()).isTrue();
        assertThat(facts.spendsSampled()).isTrue();
        assertThat(facts.patternsInDays()).isEqualTo(patterns(hashBelow(0.99 * 20 / 400), 20));
        assertSpends(facts, hashBelow(0.99 * 30 / 320), 30);
    }

    private static String hashBelow(double share) {
        return "(hashint8extended(customer_key, 0) & 9223372036854775807) < " + (long) (share * Long.MAX_VALUE);
    }

    private List<BuyerPattern> patterns(String filter, int most) {
        return jdbc.sql("select x, recency_days, age_days, count(*) from one_scan_oracle where " + filter
                        + " group by x, recency_days, age_days order by x, recency_days, age_days limit " + most)
                .query((rs, n) -> new BuyerPattern(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4))).list();
    }

    private void assertSpends(BuyerFacts facts, String filter, int most) {
        List<List<Object>> expected = jdbc.sql("select x, repeat_average from one_scan_oracle where x > 0 and " + filter
                        + " order by customer_key limit " + most)
                .query((rs, n) -> List.<Object>of(rs.getInt(1), rs.getDouble(2))).list();
        List<List<Object>> actual = new ArrayList<>();
        for (int i = 0; i < facts.spends().size(); i++) {
            actual.add(List.of(facts.spends().x(i), facts.spends().average(i)));
        }
        assertThat(actual).isNotEmpty().containsExactlyElementsOf(expected);
    }
}
