package io.strata.bootstrap.security;

import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer erased while an orders import that names them is under way: the erasure leaves the import's stage alone,
 * so the import stores every order it reports and leaves no order line without its order.
 */
class ErasureDuringImportTest extends AdminApi {

    @Autowired
    SteerableImports checkpoints;

    @BeforeEach
    void twoCustomersWithAnOrderEach() throws Exception {
        emptyDatabase();
        assertThat(post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                E1,ERASE-ME,2025-01-10,10.00
                K1,KEEP-ME,2025-01-11,30.00
                """).statusCode()).isEqualTo(200);
    }

    @Test
    void anImportThatMergesAfterTheErasureStoresTheErasedCustomersNewOrderAndNoLineIsLeftWithoutItsOrder() throws Exception {
        HttpRequest importing = postRequest("/api/v1/imports/orders", "text/csv", """
                        order_id,customer_id,ordered_at,amount
                        E2,ERASE-ME,2025-02-10,20.00
                        K2,KEEP-ME,2025-02-11,40.00
                        """);
        checkpoints.holdBeforeMerge();
        CompletableFuture<HttpResponse<String>> imported;
        HttpResponse<String> erased;
        try {
            imported = http.sendAsync(importing, HttpResponse.BodyHandlers.ofString());
            checkpoints.awaitBeforeMerge();
            // the import's run stage holds its two orders, ERASE-ME's among them, while the customer is erased
            assertThat(count("select count(*) from pg_tables where schemaname = current_schema() and tablename like 'import\\_runs\\_%'"))
                    .isEqualTo(1);

            erased = call("DELETE", "/api/v1/customers/ERASE-ME", TOKEN, null, null);
        } finally {
            checkpoints.releaseMerge();
        }

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).contains("\"orders\":1").doesNotContain("import_runs");
        HttpResponse<String> report = imported.get(60, TimeUnit.SECONDS);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(field(report.body(), "status")).isEqualTo("COMPLETED");
        assertThat(field(report.body(), "rowsImported")).isEqualTo("2");
        // what the import reports is stored: the erased customer is created anew with the order that came after E1
        assertThat(jdbc.sql("select o.order_id || ' ' || c.customer_id from orders o join customers c using (customer_key) order by 1")
                .query(String.class).list())
                .containsExactly("E2 ERASE-ME", "K1 KEEP-ME", "K2 KEEP-ME");
        assertThat(count("select count(*) from order_lines l where not exists (select 1 from orders o where o.order_key = l.order_key)"))
                .as("order lines without their order").isZero();
        assertThat(count("select count(*) from order_lines")).isEqualTo(3);
        HttpResponse<String> customer = getAs(TOKEN, "/api/v1/customers/ERASE-ME");
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
