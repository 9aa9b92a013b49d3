package io.strata.bootstrap.segmentation;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.NodeOnItsOwnDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once a run's follow-ups are done, the partitions it wrote are in PostgreSQL's visibility map (issue 19 item 4): every
 * preview reads the parent segment's members by an index-only scan of the run's assignments, which reads a heap page
 * for every member on a page outside the map (and the first reader sets the rows' hint bits and writes the page back):
 * the first previews after a run took 1.5-3 times as long as later ones until autovacuum came, a minute or more later.
 * {@code pg_class.relallvisible} is what the last VACUUM counted in the map; the run's own ANALYZE, inside its
 * transaction, counts 0. Autovacuum is off during the test, so only the follow-ups can have set the map.
 *
 * <p>The follow-ups' vacuum marks a page only when no snapshot older than the run's commit is held in its database,
 * and leaves the vacuum to autovacuum when one is (docs/segmentation.md). On the suite's database the test waited for
 * a moment without any and then ran, so anything that took a snapshot after that moment (the suite's own work, another
 * test's follow-ups, autovacuum analysing another table) could still hold one at the follow-ups' vacuum. So the run
 * goes to a node on a database of its own ({@link NodeOnItsOwnDatabase}), as an owner that is no superuser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPartitionsVisibleAfterFollowUpsTest extends EndToEndTest {

    private static final int CUSTOMERS = 3000;

    @Autowired
    private HikariDataSource suiteDataSource;

    private NodeOnItsOwnDatabase node;
    /** On the node's database, as its owner. */
    private JdbcClient sql;

    @BeforeAll
    void aNodeOnADatabaseOfItsOwn() {
        node = new NodeOnItsOwnDatabase("run_partitions_visible", suiteDataSource);
        sql = node.owner();
    }

    @AfterAll
    void closeTheNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void autovacuumOffAndNoOlderSnapshot() {
        jdbc.sql("alter system set autovacuum = off").update();
        // the durable setting (the embedded server's default outside benchmarks): the tests' server commits
        // asynchronously, and PostgreSQL sets hint bits only for commits already flushed, one position per 32
        // transaction ids of the whole server; any other asynchronous commit meanwhile (the suite node's work) could
        // hold the bits back
        jdbc.sql("alter system set synchronous_commit = on").update();
        jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
        node.assertNoSnapshotHeld();
    }

    @AfterEach
    void autovacuumOn() {
        jdbc.sql("alter system reset autovacuum").update();
        jdbc.sql("alter system reset synchronous_commit").update();
        jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
    }

    @Test
    void theRunsAssignmentsAndTacticalMembersAreInTheVisibilityMapOnceItsFollowUpsAreDone() throws Exception {
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (int i = 0; i < CUSTOMERS; i++) {
            orders.append("RV").append(i).append(",RC").append(i).append(",2024-06-01,").append(10 + i % 7).append('\n');
        }
        assertThat(node.post("/api/v1/imports/orders", "text/csv", orders.toString()).statusCode()).isEqualTo(200);
        String created = node.post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}").body();
        node.post("/api/v1/segmentations/" + created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1") + "/activate", "application/json", "");
        // one order each: every customer a newcomer, and every newcomer a member of the tactical segment
        HttpResponse<String> tactical = node.post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Buyers\",\"parentSegment\":\"newcomers\",\"rule\":\"frequency >= 1\"}");
        assertThat(tactical.statusCode()).as(tactical.body()).isEqualTo(201);

        HttpResponse<String> run = node.post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        await("the run's follow-ups").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> count("select count(*) from segmentation_runs where status = 'COMPLETED' and followed_up_at is null") == 0);

        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        long runId = Long.parseLong(run.body().replaceAll("(?s).*?\"runId\":(\\d+).*", "$1"));
        String assignments = "run_assignments_" + runId;
        String members = "tactical_members_" + runId;
        assertThat(count("select count(*) from " + assignments + " where segment_key = 'newcomers'")).isEqualTo(CUSTOMERS);
        assertThat(count("select count(*) from " + members)).isEqualTo(CUSTOMERS);
        assertThat(pagesWithRows(assignments)).isGreaterThan(10);
        assertThat(pagesWithRows(members)).isGreaterThan(5);
        assertThat(allVisible(assignments)).isEqualTo(pagesWithRows(assignments));
        assertThat(allVisible(members)).isEqualTo(pagesWithRows(members));
        // what a preview does first: the parent's members from the segment index, never the assignments' heap
        assertThat(heapFetchesOfTheMembersScan(runId)).isZero();
        assertThat(text("select coalesce(last_autovacuum::text, 'never') from pg_stat_user_tables where relname = '" + assignments + "'"))
                .isEqualTo("never");
    }

    private long count(String sql) {
        return this.sql.sql(sql).query(Long.class).single();
    }

    private String text(String sql) {
        return this.sql.sql(sql).query(String.class).single();
    }

    /**
     * The heap pages holding a row. Not {@code relpages}: a bulk write extends the table by several pages at a time,
     * and VACUUM leaves the new, empty pages at its end outside the map (nothing reads them; a later VACUUM truncates them).
     */
    private long pagesWithRows(String table) {
        return count("select count(distinct (ctid::text::point)[0])::bigint from " + table);
    }

    private long allVisible(String table) {
        return count("select relallvisible::bigint from pg_class where relname = '" + table + "'");
    }

    /** Heap fetches of an index-only scan of the run's newcomers (the planner's other paths turned off). */
    private long heapFetchesOfTheMembersScan(long runId) throws SQLException {
        try (Connection connection = node.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("set local enable_seqscan = off");
                statement.execute("set local enable_bitmapscan = off");
                try (ResultSet rs = statement.executeQuery("explain (analyze, format json) select count(*), sum(customer_key) from run_assignments "
                        + "where run_id = " + runId + " and segment_key = 'newcomers'")) {
                    rs.next();
                    String plan = rs.getString(1);
                    assertThat(plan).contains("\"Index Only Scan\"");
                    return Long.parseLong(plan.replaceAll("(?s).*\"Heap Fetches\": (\\d+).*", "$1"));
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
