package io.strata.bootstrap.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The right to erasure: every row about the customer goes, in every table, and nothing about anyone else. */
class CustomerErasureTest extends AdminApi {

    /** A table the erasure code has never heard of, as a later feature would add. */
    private static final String LATER_TABLE = "erasure_probe_later_feature";

    @BeforeEach
    void twoCustomersWithOrdersEventsAndAssignments() throws Exception {
        emptyDatabase();
        assertThat(post("/api/v1/imports/customers", "text/csv",
                "customer_id,email,first_name,city\nERASE-ME,erase.me@example.com,Ilze,Riga\nKEEP-ME,keep.me@example.com,Anna,Paris\n")
                .statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount,category
                E1,ERASE-ME,2025-01-10,10.00,kids
                E1,ERASE-ME,2025-01-10,5.00,toys
                E2,ERASE-ME,2025-02-10,20.00,kids
                K1,KEEP-ME,2025-01-11,30.00,kids
                """).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/imports/events", "text/csv", """
                customer_id,event_type,occurred_at,device
                ERASE-ME,email_open,2025-03-01T10:00:00Z,web
                KEEP-ME,email_open,2025-03-01T11:00:00Z,smart_tv
                """).statusCode()).isEqualTo(200);
        long segmentation = jdbc.sql("insert into segmentations (name, definition, status) values ('erasure test', '{}', 'DRAFT') returning segmentation_id")
                .query(Long.class).single();
        long run = jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status, followed_up_at) "
                + "values (?, date '2025-04-01', 'COMPLETED', now()) returning run_id")
                .param(segmentation).query(Long.class).single();
        jdbc.sql("create table run_assignments_" + run + " partition of run_assignments for values in (" + run + ")").update();
        jdbc.sql("insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary) "
                + "select ?, customer_key, 'newcomers', 1, 10 from customers").param(run).update();
        jdbc.sql("create table " + LATER_TABLE + " (customer_key bigint, note text)").update();
        jdbc.sql("insert into " + LATER_TABLE + " select customer_key, 'about ' || customer_id from customers").update();
    }

    @AfterEach
    void dropTheLaterTableAndTheRun() {
        jdbc.sql("drop table if exists " + LATER_TABLE).update();
        jdbc.sql("delete from segmentation_runs where segmentation_id in (select segmentation_id from segmentations where name = 'erasure test')").update();
        jdbc.sql("delete from segmentations where name = 'erasure test'").update();
    }

    @Test
    void anErasedCustomerIsGoneFromEveryTableWithACustomerKeyAndOthersAreUntouched() throws Exception {
        long erased = key("ERASE-ME");
        long kept = key("KEEP-ME");
        Map<String, Long> keptBefore = rowsPerTable(kept);
        assertThat(rowsPerTable(erased)).containsEntry("order_lines", 3L).containsEntry("orders", 2L).containsEntry("events", 1L)
                .containsEntry("run_assignments", 1L).containsEntry(LATER_TABLE, 1L).containsEntry("customers", 1L)
                .containsEntry("customer_purchase_facts", 1L);

        HttpResponse<String> response = call("DELETE", "/api/v1/customers/ERASE-ME", TOKEN, null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"erased\":true").contains("\"order_lines\":3").contains("\"" + LATER_TABLE + "\":1");
        assertThat(rowsPerTable(erased)).isNotEmpty().allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(jdbc.sql("select count(*) from customers where customer_id = 'ERASE-ME'").query(Long.class).single()).isZero();
        assertThat(rowsPerTable(kept)).isEqualTo(keptBefore);
        assertThat(getAs(TOKEN, "/api/v1/imports").statusCode()).isEqualTo(200);
    }

    @Test
    void anErasureIsAuditedWithTheIdOnlyAndNotThePersonalData() throws Exception {
        Instant start = Instant.now().minusMillis(1);
        call("DELETE", "/api/v1/customers/ERASE-ME", TOKEN, null, null);

        // each test erases its own ERASE-ME; only this one's entry counts here
        HttpResponse<String> audit = getAs(TOKEN, "/api/v1/audit?action=ERASED&subjectType=customer&subjectId=ERASE-ME&from=" + start);

        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(field(audit.body(), "total")).isEqualTo("1");
        assertThat(field(audit.body(), "actor")).isEqualTo("token:STRATA_API_TOKEN");
        assertThat(field(audit.body(), "action")).isEqualTo("ERASED");
        assertThat(field(audit.body(), "detail")).contains("order_lines=3");
        String stored = jdbc.sql("select string_agg(audit_events::text, ' ') from audit_events where subject_id = 'ERASE-ME'").query(String.class).single();
        assertThat(stored).doesNotContain("erase.me@example.com").doesNotContain("Ilze").doesNotContain("Riga");
    }

    @Test
    void erasingAnUnknownCustomerIsA404AndErasingTwiceToo() throws Exception {
        assertThat(call("DELETE", "/api/v1/customers/ERASE-ME", TOKEN, null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> again = call("DELETE", "/api/v1/customers/ERASE-ME", TOKEN, null, null);
        HttpResponse<String> unknown = call("DELETE", "/api/v1/customers/NEVER-SEEN", TOKEN, null, null);

        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(unknown.body()).contains("NEVER-SEEN");
    }

    @Test
    void onlyAnAdminMayEraseACustomer() throws Exception {
        HttpResponse<String> asPlanner = call("DELETE", "/api/v1/customers/ERASE-ME", issueToken("PLANNER"), null, null);

        assertThat(asPlanner.statusCode()).isEqualTo(403);
        assertThat(key("ERASE-ME")).isPositive();
    }

    private long key(String customerId) {
        return jdbc.sql("select customer_key from customers where customer_id = ?").param(customerId).query(Long.class).single();
    }

    /** Rows that refer to the customer key, in every base table that has a customer_key column. */
    private Map<String, Long> rowsPerTable(long customerKey) {
        List<String> tables = jdbc.sql("""
                        select c.table_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and c.column_name = 'customer_key' and t.table_type = 'BASE TABLE'
                        order by 1""")
                .query(String.class).list();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.sql("select count(*) from " + table + " where customer_key = ?").param(customerKey).query(Long.class).single());
        }
        // order lines are the customer's through their orders
        rows.put("order_lines", jdbc.sql("select count(*) from order_lines l join orders o using (order_key) where o.customer_key = ?")
                .param(customerKey).query(Long.class).single());
        return rows;
    }
}
