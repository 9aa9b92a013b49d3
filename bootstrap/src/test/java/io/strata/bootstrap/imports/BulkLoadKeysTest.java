package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A load large against a table builds the primary keys of order lines, orders and purchase facts after the rows,
 * and still ends with every key in place and enforced; a small import and an import that cannot have the lines
 * table to itself keep the live key.
 */
class BulkLoadKeysTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount\n";

    @Autowired
    private DataSource dataSource;

    @Test
    void aFirstLoadBuildsThePrimaryKeysAfterTheRowsAndTheyHoldAfterwards() throws Exception {
        long lines = indexOid("order_lines_pkey");
        long orders = indexOid("orders_pkey");
        long facts = indexOid("customer_purchase_facts_pkey");

        HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\nO1,C1,2024-03-01,5\nO2,C2,2024-03-02,7\n");

        assertThat(json(response).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(indexOid("order_lines_pkey")).isNotEqualTo(lines);
        assertThat(indexOid("orders_pkey")).isNotEqualTo(orders);
        assertThat(indexOid("customer_purchase_facts_pkey")).isNotEqualTo(facts);
        assertThat(jdbc.sql("select conrelid::regclass::text || ':' || pg_get_constraintdef(oid) from pg_constraint "
                + "where contype = 'p' and conrelid in ('order_lines'::regclass, 'orders'::regclass, 'customer_purchase_facts'::regclass) "
                + "order by 1").query(String.class).list())
                .containsExactly("customer_purchase_facts:PRIMARY KEY (customer_key)", "order_lines:PRIMARY KEY (order_key, line_no)",
                        "orders:PRIMARY KEY (order_key)");
        assertThatThrownBy(() -> jdbc.sql("insert into order_lines (order_key, line_no, amount) "
                + "select order_key, 1, 1 from orders limit 1").update())
                .hasMessageContaining("order_lines_pkey");
        assertThat(count("select count(*) from order_lines")).isEqualTo(3);
    }

    @Test
    void aSmallImportIntoALargeTableKeepsTheLiveKeyOfTheLines() throws Exception {
        StringBuilder base = new StringBuilder(HEADER);
        for (int i = 1; i <= 60; i++) {
            base.append("O").append(i).append(",C").append(i % 7).append(",2024-01-01,").append(i).append('\n');
        }
        importCsv("orders", base.toString());
        long lines = indexOid("order_lines_pkey");
        long orders = indexOid("orders_pkey");

        importCsv("orders", HEADER + "O61,C1,2024-02-01,3\nO2,C2,2024-02-01,4\n");

        assertThat(indexOid("order_lines_pkey")).isEqualTo(lines);
        assertThat(indexOid("orders_pkey")).isEqualTo(orders);
        assertThat(count("select count(*) from order_lines")).isEqualTo(61);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // an import that waited for the lock instead would never answer
    void aLoadThatCannotHaveTheLinesToItselfKeepsTheirKeyAndCompletes() throws Exception {
        long lines = indexOid("order_lines_pkey");
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                // a reader holds its lock on order_lines until it ends, as a console page or a run would
                statement.executeQuery("select count(*) from order_lines").close();
            }

            HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\nO2,C2,2024-03-02,7\n");

            assertThat(json(response).path("status").asString()).isEqualTo("COMPLETED");
            reader.rollback();
        }
        assertThat(indexOid("order_lines_pkey")).isEqualTo(lines);
        assertThat(count("select count(*) from order_lines")).isEqualTo(2);
    }

    private long indexOid(String name) {
        return count("select '" + name + "'::regclass::oid::bigint");
    }
}
