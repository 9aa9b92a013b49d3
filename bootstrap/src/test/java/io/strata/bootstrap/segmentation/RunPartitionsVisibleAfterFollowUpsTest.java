package io.strata.bootstrap.segmentation;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once a run's follow-ups are done, the partitions it wrote are in PostgreSQL's visibility map (issue 19 item 4): every
 * preview reads the parent segment's members by an index-only scan of the run's assignments, which reads a heap page
 * for every member on a page outside the map (and the first reader sets the rows' hint bits and writes the page back):
 * the first previews after a run took 1.5-3 times as long as later ones until autovacuum came, a minute or more later.
 * {@code pg_class.relallvisible} is what the last VACUUM counted in the map; the run's own ANALYZE, inside its
 * transaction, counts 0. Autovacuum is off during the test, so only the follow-ups can have set the map.
 */
class RunPartitionsVisibleAfterFollowUpsTest extends EndToEndTest {

    private static final int CUSTOMERS = 3000;

    @Autowired
    private DataSource dataSource;

    @BeforeEach
    void autovacuumOffAndNoOlderSnapshot() {
        emptyDatabase();
        jdbc.sql("alter system set autovacuum = off").update();
        // the durable setting (the embedded server's default outside benchmarks): the tests' server commits
        // asynchronously, and PostgreSQL sets hint bits only for commits already flushed, one position per 32
        // transaction ids; any other asynchronous commit meanwhile (the scheduler's beat) could hold the bits back
        jdbc.sql("alter system set synchronous_commit = on").update();
        jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
        // a snapshot older than the run's commit would keep its pages out of the map
        awaitNoOtherSnapshot();
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
        assertThat(post("/api/v1/imports/orders", "text/csv", orders.toString()).statusCode()).isEqualTo(200);
        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}").body();
        post("/api/v1/segmentations/" + created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1") + "/activate", "application/json", "");
        // one order each: every customer a newcomer, and every newcomer a member of the tactical segment
        HttpResponse<String> tactical = post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Buyers\",\"parentSegment\":\"newcomers\",\"rule\":\"frequency >= 1\"}");
        assertThat(tactical.statusCode()).as(tactical.body()).isEqualTo(201);

        HttpResponse<String> run = runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");

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
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String text(String sql) {
        return jdbc.sql(sql).query(String.class).single();
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
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
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
