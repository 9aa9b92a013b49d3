package io.strata.bootstrap.security;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure that meets the merge of an events import naming the customer (on another node, or this one): the merge
 * holds the customer's known events it updates and then waits for the customer's row to add a new event, which the
 * erasure holds while it waits to delete those events. PostgreSQL ends one of the two; it used to be the erasure, as a
 * 500 (the probe of two nodes: 2 of 300 erasures on one node beside events imports on the other). Erasures now wait
 * for merges on the merge lock (ImportDuringErasureTest), so a real merge no longer meets one this way; the retry stays
 * for any cycle not foreseen, and this test plays one: the merge is the test's own transaction, reduced to its two
 * statements and without the merge lock.
 *
 * <p>Which side PostgreSQL ends is decided by timing: each waiting session checks for a cycle once, a deadlock_timeout
 * after it began to wait, and ends itself if it finds one. So the erasure is made the last to wait: a third session
 * holds one of the customer's order lines (which the erasure deletes first), the erasure waits there holding the
 * customer's row, the merge's insert waits for that row, and only then is the line let go; the erasure then waits for
 * the merge's event and finds the cycle, while the merge (deadlock_timeout 60 s) never looks.
 */
class ErasureMeetsAnEventsMergeTest extends EndToEndTest {

    @Autowired
    private HikariDataSource dataSource;

    @BeforeEach
    void aCustomerWithAnEvent() throws Exception {
        emptyDatabase();
        HttpResponse<String> imported = post("/api/v1/imports/events", "text/csv", """
                customer_id,event_type,occurred_at,event_id
                ERASE-ME,email_open,2026-11-01T10:00:00Z,e1
                KEEP-ME,email_open,2026-11-01T10:00:00Z,k1
                """);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        HttpResponse<String> ordered = post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                O1,ERASE-ME,2026-11-01,10
                """);
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(200);
    }

    @Test
    void anErasureEndedToBreakADeadlockWithAnEventsMergeIsDoneAgainAndErasesWhatTheMergeAdded() throws Exception {
        // other tests of this JVM erase a customer of this id too: the audit is counted from here
        long auditedBefore = erasuresAudited();
        CompletableFuture<HttpResponse<String>> erasing;
        try (Connection merge = dataSource.getConnection(); Statement sql = merge.createStatement();
             Connection line = dataSource.getConnection(); Statement lineSql = line.createStatement()) {
            merge.setAutoCommit(false);
            line.setAutoCommit(false);
            // the merge never checks for a cycle within the test: PostgreSQL is to find it in the erasure's session
            sql.execute("set deadlock_timeout = '60s'");
            // the merge updates the customer's known event (an event id sent again) ...
            assertThat(sql.executeUpdate("update events set properties = '{\"again\": true}' where event_id = 'e1'")).isEqualTo(1);
            lineSql.executeQuery("select 1 from order_lines where order_key in (select order_key from orders o join customers c "
                    + "using (customer_key) where c.customer_id = 'ERASE-ME') for update").close();
            erasing = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/customers/ERASE-ME")).header("Authorization", "Bearer " + TOKEN)
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            // ... the erasure holds the customer's row and waits for the held order line ...
            awaitSessionsWaitingForLocks(1);
            // ... the merge's next row, a new event of the customer, waits for the customer's row ...
            CompletableFuture<Integer> inserted = CompletableFuture.supplyAsync(() -> {
                try {
                    return sql.executeUpdate("insert into events (dedupe_key, event_id, customer_key, event_type, occurred_at) "
                            + "select 'id:e2', 'e2', customer_key, 'email_open', now() from customers where customer_id = 'ERASE-ME'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitSessionsWaitingForLocks(2);
            // ... and once the line is let go the erasure reaches the merge's event: the cycle closes in the erasure's
            // session, which PostgreSQL ends a second later; the merge's insert then goes on
            line.rollback();
            assertThat(inserted.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            merge.commit();
        }

        HttpResponse<String> erased = erasing.get(60, TimeUnit.SECONDS);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        // done again after the merge committed: both events of the customer, the merge's new one among them
        assertThat(erased.body()).contains("\"events\":2");
        assertThat(jdbc.sql("select c.customer_id || ' ' || e.event_id from events e join customers c using (customer_key) order by 1")
                .query(String.class).list()).containsExactly("KEEP-ME k1");
        assertThat(erasuresAudited() - auditedBefore).as("one erasure audited, not one per attempt").isEqualTo(1);
    }

    private long erasuresAudited() {
        return jdbc.sql("select count(*) from audit_events where action = 'ERASED' and subject_id = 'ERASE-ME'").query(Long.class).single();
    }
}
