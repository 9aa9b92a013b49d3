package io.strata.bootstrap.security;

import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports that meet an erasure of one of their customers: whichever goes first, both answer 200, the import stores
 * every row it reports (creating the customer anew when it merges after the erasure), and nothing is left of the
 * erased customer without a customer row. The erasure is held half-way by a table of the test's that it empties (an
 * open transaction of the test holds that table), so the import surely comes while the erasure holds its locks.
 */
class ImportDuringErasureTest extends AdminApi {

    /**
     * A customer table that no other refers to and whose name sorts last among them: the erasure empties it after the
     * customer's order lines, orders, purchase facts and events, and before the customer's row, which it holds locked.
     */
    private static final String LATE = "zz_import_during_erasure_probe";
    /**
     * Keyed by {@code order_key} alone, so emptied first of all: the erasure stops here with its locks taken (the
     * customer's row among them) but no table of the customer touched yet.
     */
    private static final String EARLY = "a_import_during_erasure_probe";

    /** The imports' merge lock's key (persistence's {@code MergeLock}), as pg_locks shows it. */
    private static final long MERGE_LOCK = 0x5374726174614dL;

    @Autowired
    DataSource dataSource;

    @Autowired
    SteerableImports checkpoints;

    @BeforeEach
    void probes() {
        emptyDatabase();
        jdbc.sql("create table " + LATE + " (customer_key bigint)").update();
        jdbc.sql("create table " + EARLY + " (order_key bigint)").update();
    }

    @AfterEach
    void dropTheProbes() {
        checkpoints.disarm();
        jdbc.sql("drop table if exists " + LATE).update();
        jdbc.sql("drop table if exists " + EARLY).update();
    }

    /** ERASE-ME with an order and an event, KEEP-ME with twelve orders (so that a one-order import is no bulk load). */
    private void customersWithOrdersAndEvents() throws Exception {
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\nE1,ERASE-ME,2025-01-10,10.00\n");
        for (int i = 1; i <= 12; i++) {
            orders.append("K").append(i).append(",KEEP-ME,2025-01-").append(10 + i).append(",30.00\n");
        }
        assertThat(post("/api/v1/imports/orders", "text/csv", orders.toString()).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/imports/events", "text/csv", """
                customer_id,event_type,occurred_at
                ERASE-ME,app_open,2025-01-10T08:00:00Z
                KEEP-ME,app_open,2025-01-11T08:00:00Z
                """).statusCode()).isEqualTo(200);
    }

    @Test
    void anEventsImportThatMergesWhileTheCustomerIsErasedCreatesTheCustomerAnewWithItsEvent() throws Exception {
        customersWithOrdersAndEvents();
        long erasedKey = customerKey("ERASE-ME");

        Race race = importDuringErasure(LATE, "ERASE-ME", "/api/v1/imports/events", """
                customer_id,event_type,occurred_at
                ERASE-ME,email_open,2025-02-10T08:00:00Z
                """);

        assertThat(race.erased.statusCode()).as(race.erased.body()).isEqualTo(200);
        assertThat(race.erased.body()).contains("\"events\":1", "\"orders\":1", "\"customers\":1");
        // it used to wait for the erasure's row lock in events' foreign key check, then fail on it: a 503, FAILED
        assertThat(race.imported.statusCode()).as(race.imported.body()).isEqualTo(200);
        assertThat(field(race.imported.body(), "status")).isEqualTo("COMPLETED");
        assertThat(field(race.imported.body(), "rowsImported")).isEqualTo("1");
        // the import merged after the erasure: its event is stored, under the customer created anew; the event of
        // before is gone with the rest
        assertThat(jdbc.sql("select c.customer_id || ' ' || e.event_type from events e join customers c using (customer_key) order by 1")
                .query(String.class).list())
                .containsExactly("ERASE-ME email_open", "KEEP-ME app_open");
        assertThat(customerKey("ERASE-ME")).isNotEqualTo(erasedKey);
        assertThat(count("select count(*) from orders o join customers c using (customer_key) where c.customer_id = 'ERASE-ME'")).isZero();
        assertNothingWithoutItsCustomer();
    }

    @Test
    void anOrdersImportThatMergesWhileTheCustomerIsErasedCreatesTheCustomerAnewAndLeavesNoOrderOfTheErasedOne() throws Exception {
        customersWithOrdersAndEvents();
        long erasedKey = customerKey("ERASE-ME");

        Race race = importDuringErasure(LATE, "ERASE-ME", "/api/v1/imports/orders", """
                order_id,customer_id,ordered_at,amount
                E2,ERASE-ME,2025-02-10,20.00
                """);

        assertThat(race.erased.statusCode()).as(race.erased.body()).isEqualTo(200);
        assertThat(race.erased.body()).contains("\"orders\":1", "\"customers\":1");
        assertThat(race.imported.statusCode()).as(race.imported.body()).isEqualTo(200);
        assertThat(field(race.imported.body(), "status")).isEqualTo("COMPLETED");
        assertThat(field(race.imported.body(), "rowsImported")).isEqualTo("1");
        // it used to read the customer before the erasure committed (orders have no foreign key) and store E2, its
        // line and its purchase facts under the erased customer's key, which no customer had any more
        assertThat(jdbc.sql("select o.order_id || ' ' || c.customer_id from orders o join customers c using (customer_key) "
                        + "where o.order_id like 'E%' order by 1").query(String.class).list())
                .containsExactly("E2 ERASE-ME");
        assertThat(customerKey("ERASE-ME")).isNotEqualTo(erasedKey);
        assertThat(count("select count(*) from orders where customer_key = " + erasedKey)).isZero();
        assertThat(count("select count(*) from customer_purchase_facts where customer_key = " + erasedKey)).isZero();
        assertThat(jdbc.sql("select frequency || ' ' || monetary::numeric(10,2) from customer_purchase_facts f join customers c "
                + "using (customer_key) where c.customer_id = 'ERASE-ME'").query(String.class).list()).containsExactly("1 20.00");
        assertThat(count("select count(*) from orders")).isEqualTo(13);
        assertThat(count("select count(*) from order_lines")).isEqualTo(13);
        assertNothingWithoutItsCustomer();
    }

    /**
     * A first load (no orders stored) that starts while an erasure holds its locks: it may not take the tables it
     * would drop the lines' key of together with the merge lock, which the erasure holds, so it streams its lines
     * without holding any table exclusively, waits for the erasure at its merge and then creates the customer anew.
     * Had it waited for the merge lock while holding those tables, the erasure (which reads orders next) and the load
     * would each wait for the other.
     */
    @Test
    void aFirstBulkLoadThatStartsWhileTheCustomerIsErasedWaitsForTheErasureHoldingNoTableAndCreatesTheCustomerAnew() throws Exception {
        assertThat(post("/api/v1/imports/customers", "text/csv", "customer_id,city\nERASE-ME,Riga\nKEEP-ME,Tartu\n").statusCode())
                .isEqualTo(200);

        Race race = importDuringErasure(EARLY, "ERASE-ME", "/api/v1/imports/orders", """
                order_id,customer_id,ordered_at,amount
                E1,ERASE-ME,2025-02-10,20.00
                K1,KEEP-ME,2025-02-11,40.00
                """);

        assertThat(race.exclusiveTablesWhileWaiting).as("tables held exclusively while the load and the erasure both waited").isZero();
        assertThat(race.erased.statusCode()).as(race.erased.body()).isEqualTo(200);
        assertThat(race.erased.body()).contains("\"orders\":0", "\"customers\":1");
        assertThat(race.imported.statusCode()).as(race.imported.body()).isEqualTo(200);
        assertThat(field(race.imported.body(), "status")).isEqualTo("COMPLETED");
        assertThat(field(race.imported.body(), "rowsImported")).isEqualTo("2");
        assertThat(jdbc.sql("select o.order_id || ' ' || c.customer_id || ' ' || coalesce(c.city, '-') from orders o "
                + "join customers c using (customer_key) order by 1").query(String.class).list())
                .containsExactly("E1 ERASE-ME -", "K1 KEEP-ME Tartu");
        assertThat(count("select count(*) from order_lines")).isEqualTo(2);
        assertNothingWithoutItsCustomer();
    }

    /**
     * An erasure that comes while a first bulk load holds its tables and the merge lock (held by the test before its
     * merge) waits for the merge lock, holding nothing else: the customer's row stays free until the load is done, and
     * the erasure then deletes what the load wrote.
     */
    @Test
    void anErasureDuringAFirstBulkLoadWaitsForItHoldingNothingAndThenErasesWhatItWrote() throws Exception {
        assertThat(post("/api/v1/imports/customers", "text/csv", "customer_id,city\nERASE-ME,Riga\nKEEP-ME,Tartu\n").statusCode())
                .isEqualTo(200);
        HttpRequest importing = postRequest("/api/v1/imports/orders", "text/csv", """
                        order_id,customer_id,ordered_at,amount
                        E1,ERASE-ME,2025-02-10,20.00
                        K1,KEEP-ME,2025-02-11,40.00
                        """);
        checkpoints.holdBeforeMerge();
        CompletableFuture<HttpResponse<String>> imported;
        CompletableFuture<HttpResponse<String>> erasure;
        boolean rowFreeWhileWaiting;
        try {
            imported = http.sendAsync(importing, HttpResponse.BodyHandlers.ofString());
            checkpoints.awaitBeforeMerge();
            assertThat(exclusivelyHeldBulkLoadTables()).as("the load took the bulk path: lines, orders and facts held exclusively").isEqualTo(3);
            erasure = erase("ERASE-ME");
            awaitSessionsWaitingForLocks(1);
            rowFreeWhileWaiting = rowFree("ERASE-ME");
        } finally {
            checkpoints.releaseMerge();
        }
        HttpResponse<String> loaded = imported.get(60, TimeUnit.SECONDS);
        HttpResponse<String> erased = erasure.get(60, TimeUnit.SECONDS);

        assertThat(rowFreeWhileWaiting).as("the customer's row is free while the erasure waits for the load").isTrue();
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(field(loaded.body(), "rowsImported")).isEqualTo("2");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).contains("\"orders\":1", "\"order_lines\":1", "\"customer_purchase_facts\":1", "\"customers\":1");
        assertThat(jdbc.sql("select o.order_id || ' ' || c.customer_id from orders o join customers c using (customer_key)")
                .query(String.class).list()).containsExactly("K1 KEEP-ME");
        assertThat(count("select count(*) from customers where customer_id = 'ERASE-ME'")).isZero();
        assertThat(count("select count(*) from order_lines")).isEqualTo(1);
        assertNothingWithoutItsCustomer();
    }

    /**
     * A customers import that holds the merge lock when an erasure of one of its customers comes: the erasure waits for
     * the merge holding nothing, the import updates the customer and commits, and the erasure then deletes it. An
     * erasure that took the customer's row first and the merge lock after would wait for the import while the import
     * waited for the row: a deadlock, one of the two failed. The test holds {@code customers} itself for a moment, so
     * that the import is surely past the merge lock and not yet at the row when the erasure starts.
     */
    @Test
    void aCustomersImportMergingWhenTheErasureComesFinishesFirstAndNeitherWaitsForTheOther() throws Exception {
        StringBuilder customers = new StringBuilder("customer_id,city\nERASE-ME,Riga\n");
        for (int i = 1; i <= 12; i++) {
            customers.append("KEEP-").append(i).append(",Tartu\n");
        }
        assertThat(post("/api/v1/imports/customers", "text/csv", customers.toString()).statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<String>> imported;
        CompletableFuture<HttpResponse<String>> erasure;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try {
                try (Statement hold = holder.createStatement()) {
                    hold.execute("lock table customers in access exclusive mode");
                }
                // one customer of thirteen: no bulk load, so the import updates the row rather than taking the table
                imported = http.sendAsync(postRequest("/api/v1/imports/customers", "text/csv", "customer_id,city\nERASE-ME,Vilnius\n"),
                        HttpResponse.BodyHandlers.ofString());
                awaitSessionsWaitingForLocks(1);
                assertThat(count("select count(*) from pg_locks where locktype = 'advisory' and granted and mode = 'ExclusiveLock' "
                        + "and classid = " + (MERGE_LOCK >>> 32) + " and objid = " + (MERGE_LOCK & 0xffffffffL) + " and objsubid = 1"))
                        .as("the import holds the merge lock").isEqualTo(1);
                erasure = erase("ERASE-ME");
                awaitSessionsWaitingForLocks(2);
            } finally {
                holder.rollback();
                holder.setAutoCommit(true);
            }
        }
        HttpResponse<String> loaded = imported.get(60, TimeUnit.SECONDS);
        HttpResponse<String> erased = erasure.get(60, TimeUnit.SECONDS);

        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(field(loaded.body(), "status")).isEqualTo("COMPLETED");
        assertThat(field(loaded.body(), "updated")).isEqualTo("1");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).contains("\"customers\":1");
        assertThat(count("select count(*) from customers where customer_id = 'ERASE-ME'")).isZero();
        assertThat(count("select count(*) from customers")).isEqualTo(12);
    }

    /**
     * An erasure that deletes the last stored orders between two orders imports: A began while orders were stored (its
     * lines wait in its own table), B after the erasure, as a first load whose lines stream straight into order_lines
     * before it waits for A's merge. A's new lines are many against those stored, so it would rebuild the lines' key;
     * it used to wait for order_lines, held by B, while B waited for A's merge lock: PostgreSQL found the deadlock and
     * failed A (503). Now A only tries the lines' table and, B using it, inserts its lines with the key live.
     */
    @Test
    void twoOrdersImportsAroundAnErasureThatEmptiedOrdersBothComplete() throws Exception {
        assertThat(post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nE1,ERASE-ME,2025-01-10,10.00\n")
                .statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<String>> a;
        CompletableFuture<HttpResponse<String>> b;
        HttpResponse<String> first;
        checkpoints.holdBeforeMerge();
        try {
            a = ordersImport("order_id,customer_id,ordered_at,amount\nA1,CUSTOMER-A,2025-02-10,10.00\nA2,CUSTOMER-A,2025-02-11,12.00\n");
            checkpoints.awaitBeforeMerge();
            HttpResponse<String> erased = call("DELETE", "/api/v1/customers/ERASE-ME", TOKEN, null, null);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
            assertThat(count("select count(*) from orders")).as("orders after the erasure").isZero();
            checkpoints.holdWhenReading();
            b = ordersImport("order_id,customer_id,ordered_at,amount\nB1,CUSTOMER-B,2025-02-10,20.00\n");
            // B's batch has begun its COPY into order_lines (a first load) when it starts reading
            checkpoints.awaitReading();
            checkpoints.releaseMerge();
            // A merges while B is held: with orders and facts held, A finds the lines' table in use by B and completes.
            // (Waiting for it instead, A would wait until B's hold ends after 30 s, then deadlock with B's merge.)
            first = a.get(60, TimeUnit.SECONDS);
        } finally {
            checkpoints.releaseMerge();
            checkpoints.releaseReading();
        }
        HttpResponse<String> second = b.get(60, TimeUnit.SECONDS);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(field(first.body(), "rowsImported")).isEqualTo("2");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(field(second.body(), "rowsImported")).isEqualTo("1");
        assertThat(jdbc.sql("select o.order_id || ' ' || c.customer_id || ' ' || o.total::numeric(10,2) from orders o "
                + "join customers c using (customer_key) order by 1").query(String.class).list())
                .containsExactly("A1 CUSTOMER-A 10.00", "A2 CUSTOMER-A 12.00", "B1 CUSTOMER-B 20.00");
        assertThat(count("select count(*) from order_lines")).isEqualTo(3);
        assertNothingWithoutItsCustomer();
    }

    private CompletableFuture<HttpResponse<String>> ordersImport(String csv) {
        return http.sendAsync(postRequest("/api/v1/imports/orders", "text/csv", csv), HttpResponse.BodyHandlers.ofString());
    }

    /** The two answers, and how many bulk-load tables were held exclusively while both waited. */
    private record Race(HttpResponse<String> erased, HttpResponse<String> imported, long exclusiveTablesWhileWaiting) {
    }

    /**
     * The erasure of {@code customerId} is sent and held at {@code probe}; the import is sent and left to go as far as
     * it goes until it waits for a lock too; then the erasure goes on.
     */
    private Race importDuringErasure(String probe, String customerId, String importPath, String csv) throws Exception {
        CompletableFuture<HttpResponse<String>> erasure;
        CompletableFuture<HttpResponse<String>> imported;
        long exclusive;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try {
                try (Statement hold = holder.createStatement()) {
                    hold.execute("lock table " + probe + " in access exclusive mode");
                }
                erasure = erase(customerId);
                awaitSessionsWaitingForLocks(1);
                imported = http.sendAsync(HttpRequest.newBuilder(uri(importPath))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
                awaitSessionsWaitingForLocks(2);
                exclusive = exclusivelyHeldBulkLoadTables();
            } finally {
                holder.rollback();
                holder.setAutoCommit(true);
            }
        }
        return new Race(erasure.get(60, TimeUnit.SECONDS), imported.get(60, TimeUnit.SECONDS), exclusive);
    }

    private CompletableFuture<HttpResponse<String>> erase(String customerId) {
        return http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/customers/" + customerId))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private long exclusivelyHeldBulkLoadTables() {
        return count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation where l.granted "
                + "and l.mode = 'AccessExclusiveLock' and c.relname in ('order_lines', 'orders', 'customer_purchase_facts')");
    }

    /** Whether another transaction could lock the customer's row right now (tried without waiting, then let go). */
    private boolean rowFree(String customerId) throws SQLException {
        try (Connection probe = dataSource.getConnection()) {
            probe.setAutoCommit(false);
            try (Statement statement = probe.createStatement()) {
                statement.executeQuery("select 1 from customers where customer_id = '" + customerId + "' for update nowait").close();
                return true;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                probe.rollback();
                probe.setAutoCommit(true);
            }
        }
    }

    /** No order, line, purchase fact or event outlives its customer. */
    private void assertNothingWithoutItsCustomer() {
        assertThat(count("select count(*) from orders o where not exists (select 1 from customers c where c.customer_key = o.customer_key)"))
                .as("orders without their customer").isZero();
        assertThat(count("select count(*) from order_lines l where not exists (select 1 from orders o where o.order_key = l.order_key)"))
                .as("order lines without their order").isZero();
        assertThat(count("select count(*) from customer_purchase_facts f where not exists "
                + "(select 1 from customers c where c.customer_key = f.customer_key)")).as("purchase facts without their customer").isZero();
        assertThat(count("select count(*) from events e where not exists (select 1 from customers c where c.customer_key = e.customer_key)"))
                .as("events without their customer").isZero();
    }

    private long customerKey(String customerId) {
        return jdbc.sql("select customer_key from customers where customer_id = ?").param(customerId).query(Long.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
