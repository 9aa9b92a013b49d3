package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every orders import keeps the per-customer purchase facts equal to what its orders add up to, whether it rebuilt the
 * orders' indexes (an import large against the table) or recomputed only the customers it touched.
 */
class PurchaseFactsUpkeepTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount,category\n";

    @Test
    void aFirstLoadKeepsTheFactsOfEveryCustomerWithOrdersAndBuildsTheIndexesAgain() throws Exception {
        long indexBefore = indexOid("orders_customer_idx");

        importCsv("orders", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10.50,kids
                O1,C1,2024-03-01T10:00:00Z,4.50,toys
                O2,C1,2024-05-01T08:00:00Z,30,home
                R1,C1,2024-05-02T08:00:00Z,-5,home
                O3,C2,2024-04-01T00:00:00Z,40,kids
                O3,C2,2024-04-01T00:00:00Z,-40,kids
                R2,C3,2024-02-01T00:00:00Z,-7,kids
                """);

        assertThat(facts()).containsExactly(
                "C1|2|40.0000|2024-03-01 10:00:00|2024-05-01 08:00:00",
                "C2|0|0.0000",
                "C3|0|-7.0000");
        assertThat(text("select latest_ordered_at at time zone 'UTC' from purchase_facts_horizon")).isEqualTo("2024-05-02 08:00:00");
        assertFactsAddUp();
        // the bulk path dropped and built the orders' indexes: they are all there, and the unique one still holds
        assertThat(indexOid("orders_customer_idx")).isNotEqualTo(indexBefore);
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'orders' order by 1").query(String.class).list())
                .containsExactly("orders_customer_idx", "orders_order_id_uk", "orders_pkey");
        assertThatThrownBy(() -> jdbc.sql("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) "
                + "select 999999999, 'O1', customer_key, now(), 1, 1 from customers limit 1").update())
                .hasMessageContaining("orders_order_id_uk");
    }

    @Test
    void aFirstLoadNamingKnownAndNewCustomersKeepsTheFactsOfBothAndAReplacingLoadRecomputesThem() throws Exception {
        // the first load computes facts in its two inserts (known customers, then the ones it creates): each counts once
        importCsv("customers", "customer_id,email\nK1,k1@example.com\nK2,k2@example.com\n");

        importCsv("orders", HEADER + """
                O1,K1,2024-03-01T10:00:00Z,10,kids
                O2,N1,2024-03-02T10:00:00Z,20,kids
                O3,K1,2024-03-03T10:00:00Z,-4,kids
                O4,N1,2024-03-04T10:00:00Z,5,kids
                O5,K2,2024-03-05T10:00:00Z,7,kids
                """);

        assertThat(facts()).containsExactly(
                "K1|1|6.0000|2024-03-01 10:00:00|2024-03-01 10:00:00",
                "K2|1|7.0000|2024-03-05 10:00:00|2024-03-05 10:00:00",
                "N1|2|25.0000|2024-03-02 10:00:00|2024-03-04 10:00:00");
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'customer_purchase_facts'").query(String.class).list())
                .containsExactly("customer_purchase_facts_pkey");
        assertFactsAddUp();

        // every order again (a bulk re-import): O2 moves from N1 to K2, O3 becomes a purchase; all five replaced
        HttpResponse<String> again = importCsv("orders", HEADER + """
                O1,K1,2024-03-01T10:00:00Z,10,kids
                O2,K2,2024-03-02T10:00:00Z,20,kids
                O3,K1,2024-03-03T10:00:00Z,4,kids
                O4,N1,2024-03-04T10:00:00Z,5,kids
                O5,K2,2024-03-05T10:00:00Z,7,kids
                """);

        assertThat(json(again).path("updated").asLong()).isEqualTo(5);
        assertThat(facts()).containsExactly(
                "K1|2|14.0000|2024-03-01 10:00:00|2024-03-03 10:00:00",
                "K2|2|27.0000|2024-03-02 10:00:00|2024-03-05 10:00:00",
                "N1|1|5.0000|2024-03-04 10:00:00|2024-03-04 10:00:00");
        assertThat(count("select count(*) from order_lines")).isEqualTo(5);
        assertThat(count("select count(*) from orders")).isEqualTo(5);
        assertFactsAddUp();
    }

    @Test
    void aReImportReplacingEveryStoredOrderStoresTheFactsOfItsOwnOrdersOnly() throws Exception {
        // a bulk re-import that replaces every stored order takes its facts from the stage (computed on the stage's
        // connection beside the deletes), like a first load: the old facts must go, N2's above all, whose orders all
        // moved away (O3 to K1, O4 to the new customer N3)
        importCsv("customers", "customer_id,email\nK1,k1@example.com\nK2,k2@example.com\n");
        importCsv("orders", HEADER + FIRST_FOUR);

        HttpResponse<String> again = importCsv("orders", HEADER + """
                O1,K1,2024-03-01T10:00:00Z,11,kids
                O2,K2,2024-03-02T10:00:00Z,-2,kids
                O3,K1,2024-03-05T10:00:00Z,31,kids
                O4,N3,2024-03-06T10:00:00Z,41,kids
                O5,K2,2024-03-07T23:30:00Z,5,kids
                """);

        assertThat(json(again).path("updated").asLong()).isEqualTo(4);
        assertThat(json(again).path("created").asLong()).isEqualTo(1);
        // K1: 11 on 03-01 and 31 on 03-05; K2: a return (-2) and 5 on 03-07; N3: 41; N2: no order, no facts
        assertThat(facts()).containsExactly(
                "K1|2|42.0000|2024-03-01 10:00:00|2024-03-05 10:00:00",
                "K2|1|3.0000|2024-03-07 23:30:00|2024-03-07 23:30:00",
                "N3|1|41.0000|2024-03-06 10:00:00|2024-03-06 10:00:00");
        assertThat(purchaseDays()).containsExactly("K1|2|31.0000", "K2|1|0.0000", "N3|1|0.0000");
        assertThat(text("select latest_ordered_at at time zone 'UTC' from purchase_facts_horizon")).isEqualTo("2024-03-07 23:30:00");
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'customer_purchase_facts'").query(String.class).list())
                .containsExactly("customer_purchase_facts_pkey");
        assertThat(count("select count(*) from pg_class where relname like 'import\\_runs\\_%'")).isZero();
        assertFactsAddUp();
    }

    @Test
    void aReImportAsLargeAsTheStoredOrdersThatLeavesOneOfThemRecomputesTheFactsFromAllOrders() throws Exception {
        // four orders stored, four in the file, but O4 is not among them: it stays, and N2's facts with it
        importCsv("customers", "customer_id,email\nK1,k1@example.com\nK2,k2@example.com\n");
        importCsv("orders", HEADER + FIRST_FOUR);

        HttpResponse<String> again = importCsv("orders", HEADER + """
                O1,K1,2024-03-01T10:00:00Z,11,kids
                O2,K2,2024-03-02T10:00:00Z,-2,kids
                O3,K1,2024-03-05T10:00:00Z,31,kids
                O5,K2,2024-03-07T23:30:00Z,5,kids
                """);

        assertThat(json(again).path("updated").asLong()).isEqualTo(3);
        assertThat(facts()).containsExactly(
                "K1|2|42.0000|2024-03-01 10:00:00|2024-03-05 10:00:00",
                "K2|1|3.0000|2024-03-07 23:30:00|2024-03-07 23:30:00",
                "N2|1|40.0000|2024-03-04 10:00:00|2024-03-04 10:00:00");
        assertThat(count("select count(*) from orders")).isEqualTo(5);
        assertFactsAddUp();
    }

    /** Four orders of two known customers and one the load creates (N2, two orders). */
    private static final String FIRST_FOUR = """
            O1,K1,2024-03-01T10:00:00Z,10,kids
            O2,K2,2024-03-02T10:00:00Z,20,kids
            O3,N2,2024-03-03T10:00:00Z,30,kids
            O4,N2,2024-03-04T10:00:00Z,40,kids
            """;

    @Test
    void theFactsCountPurchaseDaysInUtcAndTheRepeatTotalForThePredictions() throws Exception {
        // P1: 2024-03-01 twice (10.25 + 4.50, one purchase day), 2024-03-02 at 23:30 UTC (7, its own UTC day), a return
        // and a zero-value order (no purchases), 2024-04-10 (20): 3 purchase days, repeat total 7 + 20 = 27
        // P2: a return on a day before its first purchase day 2024-05-05 (two orders, 3 + 5), then 2024-05-20 (4):
        // 2 purchase days, repeat total 4 (the return's day is not the first purchase day)
        // P3: returns only: no purchase day
        importCsv("orders", HEADER + """
                A1,P1,2024-03-01T08:00:00Z,10.25,kids
                A2,P1,2024-03-01T21:00:00Z,4.50,kids
                A3,P1,2024-03-02T23:30:00Z,7,kids
                A4,P1,2024-03-05T10:00:00Z,-6,kids
                A5,P1,2024-03-06T10:00:00Z,0,kids
                A6,P1,2024-04-10T10:00:00Z,20,kids
                B1,P2,2024-05-01T10:00:00Z,-2,kids
                B2,P2,2024-05-05T10:00:00Z,3,kids
                B3,P2,2024-05-05T11:00:00Z,5,kids
                B4,P2,2024-05-20T10:00:00Z,4,kids
                C1,P3,2024-05-01T10:00:00Z,-2,kids
                """);

        assertThat(purchaseDays()).containsExactly("P1|3|27.0000", "P2|2|4.0000", "P3|0|0.0000");
        assertFactsAddUp();

        // a small import (touched customers only): a purchase on P1's first day adds no repeat value, one on a new
        // day does; P3's first purchase
        importCsv("orders", HEADER + """
                A7,P1,2024-03-01T12:00:00Z,100,kids
                A8,P1,2024-06-01T12:00:00Z,1.5,kids
                C2,P3,2024-06-02T12:00:00Z,9,kids
                """);

        assertThat(purchaseDays()).containsExactly("P1|4|28.5000", "P2|2|4.0000", "P3|1|0.0000");
        assertFactsAddUp();
    }

    @Test
    void aSmallImportRecomputesTheCustomersItTouchedIncludingTheOwnerOfAnOrderThatMovedAway() throws Exception {
        StringBuilder base = new StringBuilder(HEADER);
        for (int i = 1; i <= 40; i++) {
            base.append("O").append(i).append(",C").append(1 + i % 10).append(",2024-01-").append(String.format("%02d", 1 + i % 28))
                    .append("T12:00:00Z,").append(i).append(",kids\n");
        }
        importCsv("orders", base.toString());
        long indexBefore = indexOid("orders_customer_idx");
        String untouchedBefore = facts("C7");

        // O2 belonged to C3 and moves to C4 with a new total; C99 is new; a return for C5; 3 orders against 40: no rebuild
        HttpResponse<String> response = importCsv("orders", HEADER + """
                O2,C4,2024-06-01T00:00:00Z,100,home
                O99,C99,2024-06-02T00:00:00Z,12,toys
                R5,C5,2024-06-03T00:00:00Z,-3,kids
                """);

        assertThat(json(response).path("updated").asLong()).isEqualTo(1);
        assertThat(indexOid("orders_customer_idx")).isEqualTo(indexBefore);
        assertFactsAddUp();
        assertThat(facts("C3")).isEqualTo("C3|3|66.0000|2024-01-05 12:00:00|2024-01-23 12:00:00");
        assertThat(facts("C4")).isEqualTo("C4|5|172.0000|2024-01-04 12:00:00|2024-06-01 00:00:00");
        assertThat(facts("C99")).isEqualTo("C99|1|12.0000|2024-06-02 00:00:00|2024-06-02 00:00:00");
        assertThat(facts("C5")).startsWith("C5|4|").contains("|" + (4 + 14 + 24 + 34 - 3) + ".0000|");
        assertThat(facts("C7")).isEqualTo(untouchedBefore);
        assertThat(text("select latest_ordered_at at time zone 'UTC' from purchase_facts_horizon")).isEqualTo("2024-06-03 00:00:00");
    }

    @Test
    void anOrderLeftOutInLenientModeStaysOutOfTheFacts() throws Exception {
        importCsv("orders", HEADER + "O1,C1,2024-03-01,10,kids\nO2,C1,2024-03-02,20,kids\nO3,C2,2024-03-03,5,kids\n");

        importCsv("orders", "lenient", HEADER + "O4,C1,2024-04-01,50,kids\nO4,C1,2024-04-01,not-a-number,kids\nO5,C2,2024-04-02,1,kids\n");

        assertFactsAddUp();
        assertThat(facts("C1")).isEqualTo("C1|2|30.0000|2024-03-01 00:00:00|2024-03-02 00:00:00");
        assertThat(facts("C2")).isEqualTo("C2|2|6.0000|2024-03-03 00:00:00|2024-04-02 00:00:00");
    }

    @Test
    void aFirstLoadWhoseOrdersTheCheckJoinedOrLeftOutKeepsTheFactsOfTheOrdersItStored() throws Exception {
        // a first load computes its facts from the stage on the stage's connection, beside the orders' insert; that
        // stage is what the file said, so an order of two runs (O1, its lines apart) or one left out (O4) must make
        // the facts come from the orders stored instead. Written out: C1 has O1 = 10 + 5 (one order on 2024-03-01)
        // and O2 = 20 on 2024-03-03: frequency 2, monetary 35, purchase days 2, repeat total 20; O4 (C1, 2024-04-01)
        // is left out; C2 has O3 = 7 and O5 = -3
        importCsv("orders", "lenient", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10,kids
                O2,C1,2024-03-03T10:00:00Z,20,toys
                O1,C1,2024-03-01T10:00:00Z,5,home
                O3,C2,2024-03-02T10:00:00Z,7,kids
                O4,C1,2024-04-01T10:00:00Z,50,kids
                O4,C1,2024-04-01T10:00:00Z,not-a-number,kids
                O5,C2,2024-03-09T10:00:00Z,-3,kids
                """);

        assertThat(facts()).containsExactly(
                "C1|2|35.0000|2024-03-01 10:00:00|2024-03-03 10:00:00",
                "C2|1|4.0000|2024-03-02 10:00:00|2024-03-02 10:00:00");
        assertThat(purchaseDays()).containsExactly("C1|2|20.0000", "C2|1|0.0000");
        assertThat(count("select count(*) from orders")).isEqualTo(4);
        assertFactsAddUp();
    }

    @Test
    void aLargeCustomersImportBuildsTheCustomersIndexesAgainAndASmallOneKeepsThem() throws Exception {
        importCsv("customers", "customer_id,email\nA1,A1@Example.com\nA2,a2@example.com\n");
        long emailIndex = indexOid("customers_email_idx");
        StringBuilder many = new StringBuilder("customer_id,email\n");
        for (int i = 3; i <= 30; i++) {
            many.append("A").append(i).append(",a").append(i).append("@example.com\n");
        }
        importCsv("customers", many.toString());
        long rebuilt = indexOid("customers_email_idx");

        importCsv("customers", "customer_id,email\nA1,first@example.com\n");

        assertThat(rebuilt).isNotEqualTo(emailIndex);
        assertThat(indexOid("customers_email_idx")).isEqualTo(rebuilt);
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'customers' order by 1").query(String.class).list())
                .containsExactly("customers_customer_id_uk", "customers_email_idx", "customers_email_trgm_idx", "customers_name_trgm_idx",
                        "customers_pkey");
        assertThat(count("select count(*) from customers")).isEqualTo(30);
        assertThatThrownBy(() -> jdbc.sql("insert into customers (customer_id) values ('A7')").update())
                .hasMessageContaining("customers_customer_id_uk");
    }

    /** The facts table equals a fresh aggregation of the orders, row for row. */
    private void assertFactsAddUp() {
        String aggregation = "select customer_key, count(*) filter (where total > 0)::int, sum(total), min(ordered_at) filter (where total > 0), "
                + "max(ordered_at) filter (where total > 0) from orders group by customer_key";
        String facts = "select customer_key, frequency, monetary, first_bought_at, last_bought_at from customer_purchase_facts";
        assertThat(count("select count(*) from ((" + facts + " except " + aggregation + ") union all (" + aggregation + " except " + facts + ")) d"))
                .isZero();
        assertThat(count("select count(*) from customer_purchase_facts")).isEqualTo(count("select count(distinct customer_key) from orders"));
        // purchase days and repeat totals, worked out another way: a window marks each customer's first purchase day
        String days = "select c.customer_key, count(d.day)::int, coalesce(sum(d.spent) filter (where d.day > d.first_day), 0) "
                + "from (select distinct customer_key from orders) c left join (select customer_key, (ordered_at at time zone 'UTC')::date as day, "
                + "sum(total) as spent, min((ordered_at at time zone 'UTC')::date) over (partition by customer_key) as first_day "
                + "from orders where total > 0 group by customer_key, (ordered_at at time zone 'UTC')::date) d using (customer_key) "
                + "group by c.customer_key";
        String kept = "select customer_key, purchase_days, repeat_total from customer_purchase_facts";
        assertThat(count("select count(*) from ((" + kept + " except " + days + ") union all (" + days + " except " + kept + ")) d")).isZero();
    }

    private java.util.List<String> purchaseDays() {
        return jdbc.sql("select concat_ws('|', c.customer_id, f.purchase_days, f.repeat_total::numeric(19,4)) from customer_purchase_facts f "
                + "join customers c using (customer_key) order by c.customer_id").query(String.class).list();
    }

    private java.util.List<String> facts() {
        return jdbc.sql("select concat_ws('|', c.customer_id, f.frequency, f.monetary::numeric(19,4), f.first_bought_at at time zone 'UTC', "
                + "f.last_bought_at at time zone 'UTC') from customer_purchase_facts f join customers c using (customer_key) order by c.customer_id")
                .query(String.class).list();
    }

    private String facts(String customerId) {
        return facts().stream().filter(f -> f.startsWith(customerId + "|")).findFirst().orElse(null);
    }

    private long indexOid(String name) {
        return count("select '" + name + "'::regclass::oid::bigint");
    }
}
