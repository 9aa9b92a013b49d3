package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase facts keep each buyer's first and last purchase day (UTC) and repeat average themselves (generated
 * columns, changeset 380), which the predictions' scan and the assignment read instead of working them out per row:
 * they must be the UTC days of the first and last purchase instants and the repeat total over x as a double, also at
 * the edges of a UTC day, and follow a facts row when an import rewrites it. The expected values are worked out by
 * hand below (the average of 100 over 3 as Java's 100.0 / 3, the double nearest the exact quotient).
 */
class PurchaseDaysInFactsTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3'), ('c4')");
        // c1: first purchase 2024-03-01 23:59:59.999999 UTC (2024-03-02 in Berlin), then 2024-03-02 00:00 UTC and 2024-03-05 and
        // 2024-03-09 (40 + 35 + 25 = 100 over 3 repeat days)
        order("c1", "2024-03-01T23:59:59.999999Z", "10");
        order("c1", "2024-03-02T00:00:00Z", "40");
        order("c1", "2024-03-05T12:00:00Z", "35");
        order("c1", "2024-03-09T23:30:00Z", "25");
        // c2: one purchase day, at 00:00:00 UTC (2024-05-31 in New York): no repeat average
        order("c2", "2024-06-01T00:00:00Z", "7.5");
        // c3: only a return: no purchase day at all
        order("c3", "2024-02-02T09:00:00Z", "-5");
        // c4: two purchase days, a return between them; average 0.1 + 0.2 summed exactly (0.3, not 0.30000000000000004)
        order("c4", "2023-12-31T23:00:00Z", "1");
        order("c4", "2024-01-01T01:00:00Z", "0.1");
        order("c4", "2024-01-01T02:00:00Z", "0.2");
        order("c4", "2024-01-10T02:00:00Z", "-3");
        TestDatabase.refreshPurchaseFacts();
    }

    @Test
    void theFactsKeepTheUtcPurchaseDaysAndTheRepeatAverage() {
        assertThat(kept()).containsExactly(
                "c1|4|2024-03-01|2024-03-09|" + (100.0 / 3),
                "c2|1|2024-06-01|2024-06-01|null",
                // not a buyer (no purchase day), never read as one: 0 over −1 repeat days
                "c3|0|null|null|0.0",
                "c4|2|2023-12-31|2024-01-01|0.3");
    }

    @Test
    void theyFollowAFactsRowAnImportRewrites() {
        // as an import's upkeep does (PurchaseFacts): the row's instants and totals written anew, the days not named
        jdbc.sql("""
                update customer_purchase_facts set first_bought_at = '2024-02-29T23:00:00-02:00', repeat_total = 101,
                       purchase_days = 5 where customer_key = (select customer_key from customers where customer_id = 'c1')""").update();
        assertThat(kept()).first().isEqualTo("c1|5|2024-03-01|2024-03-09|25.25");
    }

    private List<String> kept() {
        return jdbc.sql("""
                        select c.customer_id, f.purchase_days, f.first_purchase_day, f.last_purchase_day, f.repeat_average
                        from customer_purchase_facts f join customers c using (customer_key) order by c.customer_id""")
                .query((rs, n) -> rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + (rs.getObject(5) == null ? "null" : String.valueOf(rs.getDouble(5)))).list();
    }

    private static void order(String customer, String at, String total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o' || nextval('order_key_blocks'), customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
