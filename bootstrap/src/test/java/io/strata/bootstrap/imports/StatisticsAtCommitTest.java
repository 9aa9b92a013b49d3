package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import commits with current planner statistics of the tables it wrote, so the first preview or run after it is
 * planned as later ones are (issue 19, item 4: the first preview after a bulk orders import ran for more than eleven
 * minutes on a lines table PostgreSQL had never analysed). Each test uses category, event type and id values no other
 * test writes, so statistics left by earlier tests or by autovacuum cannot pass for this import's.
 */
class StatisticsAtCommitTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount,category\n";

    @Test
    void aFirstOrdersLoadCommitsWithStatisticsOfItsLinesOrdersAndFacts() throws Exception {
        StringBuilder file = new StringBuilder(HEADER);
        for (int order = 1; order <= 200; order++) {
            // three lines of four in a category no other test uses
            file.append("SA").append(order).append(",SC").append(order % 70).append(",2024-05-01T10:00:00Z,10,stats-garden\n");
            file.append("SA").append(order).append(",SC").append(order % 70).append(",2024-05-01T10:00:00Z,5,")
                    .append(order % 2 == 0 ? "stats-garden" : "stats-kids").append("\n");
        }

        importCsv("orders", file.toString());

        assertThat(text("select most_common_vals::text from pg_stats where tablename = 'order_lines' and attname = 'category'"))
                .isEqualTo("{stats-garden,stats-kids}");
        assertThat(text("select most_common_freqs::text from pg_stats where tablename = 'order_lines' and attname = 'category'"))
                .isEqualTo("{0.75,0.25}");
        assertThat(count("select reltuples::bigint from pg_class where relname = 'order_lines'")).isEqualTo(400);
        // customers named only by orders are created; the orders and facts of a bulk load carry their statistics too
        assertThat(text("select histogram_bounds::text from pg_stats where tablename = 'customers' and attname = 'customer_id'"))
                .startsWith("{SC0,").endsWith(",SC9}");
        assertThat(count("select reltuples::bigint from pg_class where relname = 'orders'")).isEqualTo(200);
        assertThat(text("select histogram_bounds::text from pg_stats where tablename = 'orders' and attname = 'order_id'"))
                .startsWith("{SA1,").endsWith(",SA99}");
        assertThat(count("select reltuples::bigint from pg_class where relname = 'customer_purchase_facts'")).isEqualTo(70);
    }

    @Test
    void anImportOfMoreThanATenthOfTheLinesAnalysesThemAgainThoughItKeepsTheIndexes() throws Exception {
        StringBuilder base = new StringBuilder(HEADER);
        for (int order = 1; order <= 1000; order++) {
            base.append("SB").append(order).append(",SD").append(order % 50).append(",2024-04-01T00:00:00Z,3,stats-books\n");
        }
        importCsv("orders", base.toString());
        // 200 new lines against 1,000: below a quarter, so no index rebuild (and no ANALYZE with it), above a tenth
        StringBuilder more = new StringBuilder(HEADER);
        for (int order = 1; order <= 200; order++) {
            more.append("SN").append(order).append(",SD").append(order % 50).append(",2024-06-01T00:00:00Z,4,stats-toys\n");
        }
        long indexBefore = count("select 'orders_customer_idx'::regclass::oid::bigint");

        importCsv("orders", more.toString());

        assertThat(count("select 'orders_customer_idx'::regclass::oid::bigint")).isEqualTo(indexBefore);
        assertThat(text("select most_common_vals::text from pg_stats where tablename = 'order_lines' and attname = 'category'"))
                .isEqualTo("{stats-books,stats-toys}");
        assertThat(count("select reltuples::bigint from pg_class where relname = 'order_lines'")).isEqualTo(1200);
        assertThat(count("select reltuples::bigint from pg_class where relname = 'orders'")).isEqualTo(1200);
        assertThat(text("select histogram_bounds::text from pg_stats where tablename = 'orders' and attname = 'order_id'"))
                .startsWith("{SB1,").endsWith(",SN99}");
    }

    @Test
    void anEventsImportCommitsWithStatisticsOfItsEventsAndOfTheCustomersItCreated() throws Exception {
        StringBuilder file = new StringBuilder("customer_id,event_type,occurred_at\n");
        for (int i = 100; i < 400; i++) {
            file.append("SE").append(i).append(",").append(i % 3 == 0 ? "stats_visit" : "stats_click").append(",2024-03-01T10:00:00Z\n");
        }

        HttpResponse<String> response = importCsv("events", file.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text("select most_common_vals::text from pg_stats where tablename = 'events' and attname = 'event_type'"))
                .isEqualTo("{stats_click,stats_visit}");
        assertThat(text("select histogram_bounds::text from pg_stats where tablename = 'customers' and attname = 'customer_id'"))
                .startsWith("{SE100,").endsWith(",SE399}");
    }
}
