package io.strata.sparkjob;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.segmentation.JdbcSegmentationDefinitions;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.spark.segmentation.SparkSessions;
import io.strata.adapters.persistence.segmentation.JdbcSegmentationRuns;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.adapters.spark.source.DatabaseAddress;
import io.strata.adapters.spark.source.FactSource;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What spark-submit runs, on a local[2] session: a RUNNING run of the frequency-tiers template ends COMPLETED with its
 * assignments, summary and the members of an active tactical segment; a run of a missing lake ends FAILED with the reason.
 * The job holds the run's work claim while it works, so the application's sweeps leave the run alone.
 */
class SegmentationJobTest {

    private static final SparkSession SPARK = new SparkSessions("local[2]", 2).forRun();
    private static final String ROLE = "strata_job_role_with_timeouts";
    private static final String PASSWORD = "job-role-with-timeouts-password";
    /** A session's statement and idle-in-transaction timeouts, default isolation, and where they came from. */
    private static final String SEEN = "select current_setting('statement_timeout') || ' ' || current_setting('idle_in_transaction_session_timeout') "
            + "|| ' ' || current_setting('default_transaction_isolation') || ' ' || (select string_agg(distinct source, ',' order by source) "
            + "from pg_settings where name in ('statement_timeout', 'idle_in_transaction_session_timeout', 'default_transaction_isolation'))";

    @BeforeEach
    @AfterEach
    void noSuchRole() {
        TestDatabase.execute("""
                do $$ begin
                  if exists (select from pg_roles where rolname = '%1$s') then
                    reassign owned by %1$s to current_user; drop owned by %1$s; drop role %1$s;
                  end if;
                end $$""".formatted(ROLE));
    }

    /**
     * A managed PostgreSQL's role: a statement timeout, an idle-in-transaction timeout and serializable by default, which
     * its plain session shows. The job's own pool (the run's claim, its records) starts its sessions without them, set by
     * statements and not by the startup parameter 'options' that PgBouncer before 1.20 refuses; its run completes.
     */
    @Test
    void theJobsOwnSessionsHaveStrataBoundsNotTheRolesAndItsRunCompletesAsThatRole() throws Exception {
        long runId = prepare();
        HikariDataSource suite = (HikariDataSource) TestDatabase.dataSource();
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("grant " + suite.getUsername() + " to " + ROLE); // the suite's rights on Strata's tables
        TestDatabase.execute("alter role " + ROLE + " set statement_timeout = '100ms'");
        TestDatabase.execute("alter role " + ROLE + " set idle_in_transaction_session_timeout = '50ms'");
        TestDatabase.execute("alter role " + ROLE + " set default_transaction_isolation = 'serializable'");
        DatabaseAddress database = new DatabaseAddress(suite.getJdbcUrl().replaceFirst("\\?.*$", ""), ROLE, PASSWORD);
        try (Connection plain = DriverManager.getConnection(database.url(), ROLE, PASSWORD); Statement sql = plain.createStatement();
             ResultSet rs = sql.executeQuery(SEEN)) {
            rs.next();
            assertThat(rs.getString(1)).as("the role's plain session").isEqualTo("100ms 50ms serializable user");
        }

        try (HikariDataSource pool = SegmentationJob.pool(database)) {
            assertThat(JdbcClient.create(pool).sql(SEEN).query(String.class).single()).as("the job's pool")
                    .isEqualTo("0 0 read committed session");

            assertThat(SegmentationJob.run(runId, pool, database, new JdbcFacts(database, 2), SPARK)).isTrue();
        }
        JdbcClient jdbc = JdbcClient.create(suite);
        assertThat(jdbc.sql("select status || ' ' || customers from segmentation_runs where run_id = ?").param(runId).query(String.class).single())
                .isEqualTo("COMPLETED 3");
        assertThat(jdbc.sql("select members || ' of ' || parent_customers from tactical_run_sizes where run_id = ?").param(runId)
                .query(String.class).single()).isEqualTo("1 of 2");
    }

    @Test
    void aRunningRunEndsCompletedWithItsAssignmentsSummaryAndTacticalMembersAndItsClaimIsHeldWhileTheJobWorks() {
        long runId = prepare();
        HikariDataSource dataSource = (HikariDataSource) TestDatabase.dataSource();
        DatabaseAddress database = new DatabaseAddress(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
        FactSource facts = new JdbcFacts(database, 2);
        List<Boolean> claimFreeWhileReading = new ArrayList<>();
        // asked each time the job reads its facts, i.e. in the middle of its work
        FactSource watched = new FactSource() {
            @Override
            public void register(SparkSession spark, LocalDate asOf) {
                claimFreeWhileReading.add(claimFree(runId));
                facts.register(spark, asOf);
            }

            @Override
            public String describe() {
                return facts.describe();
            }
        };

        boolean completed = SegmentationJob.run(runId, dataSource, database, watched, SPARK);

        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(completed).isTrue();
        // while the job works, the application's sweeps cannot take the claim, so they leave the run alone
        assertThat(claimFreeWhileReading).as("the sweep's test of the claim, during the job").isNotEmpty().containsOnly(false);
        assertThat(claimFree(runId)).as("after the run is recorded COMPLETED").isTrue();
        assertThat(jdbc.sql("select claimed_at is not null from segmentation_runs where run_id = ?").param(runId).query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("select status || ' ' || customers from segmentation_runs where run_id = ?").param(runId).query(String.class).single())
                .isEqualTo("COMPLETED 3");
        assertThat(jdbc.sql("select c.customer_id || ' ' || a.segment_key from run_assignments a join customers c using (customer_key) "
                + "where a.run_id = ? order by 1").param(runId).query(String.class).list())
                .containsExactly("a newcomers", "b newcomers", "c prospects");
        assertThat(jdbc.sql("select segment_key || ' ' || customers from run_segments where run_id = ? order by rank").param(runId)
                .query(String.class).list()).containsExactly("prospects 1", "newcomers 2", "repeat 0", "loyal 0");
        assertThat(jdbc.sql("select c.customer_id from tactical_members m join customers c using (customer_key) where m.run_id = ?")
                .param(runId).query(String.class).list()).containsExactly("a");
        assertThat(jdbc.sql("select members || ' of ' || parent_customers from tactical_run_sizes where run_id = ?").param(runId)
                .query(String.class).single()).isEqualTo("1 of 2");
    }

    @Test
    void aRunWhoseLakeIsMissingEndsFailedWithTheReasonKeepsNothingAndThePreviousRunStaysCurrent() {
        long runId = prepare();
        long previous = completedRunBefore(runId);
        HikariDataSource dataSource = (HikariDataSource) TestDatabase.dataSource();
        DatabaseAddress database = new DatabaseAddress(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());

        boolean completed = SegmentationJob.run(runId, dataSource, database, new io.strata.adapters.spark.source.ParquetFacts("/nonexistent/lake"), SPARK);

        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(completed).isFalse();
        assertThat(jdbc.sql("select status || ': ' || error from segmentation_runs where run_id = ?").param(runId).query(String.class).single())
                .startsWith("FAILED: the lake has no readable Parquet files for customers at /nonexistent/lake/customers: ");
        assertThat(jdbc.sql("select count(*) from run_assignments where run_id = ?").param(runId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from pg_class where relname = ?").param("run_assignments_" + runId).query(Long.class).single())
                .isZero();
        // readers take the latest completed run: still the one before
        assertThat(new io.strata.adapters.persistence.segmentation.JdbcSegmentationRuns(jdbc,
                new io.strata.adapters.persistence.work.WorkClaims(dataSource)).latestCompleted()).contains(previous);
        assertThat(previous).isLessThan(runId);
    }

    @Test
    void aJobGivenARunAnotherWorkerHoldsLeavesItToThatWorker() {
        long runId = prepare();
        HikariDataSource dataSource = (HikariDataSource) TestDatabase.dataSource();
        DatabaseAddress database = new DatabaseAddress(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
        JdbcSegmentationRuns otherWorker = new JdbcSegmentationRuns(JdbcClient.create(dataSource), new WorkClaims(dataSource));
        assertThat(otherWorker.takeUp(runId)).isTrue();
        try {
            assertThatThrownBy(() -> SegmentationJob.run(runId, dataSource, database, new JdbcFacts(database, 2), SPARK))
                    .hasMessage("run " + runId + " is already taken up by another worker (a live session holds its claim) or is no longer "
                            + "RUNNING; a run is worked on by one worker at a time");
            assertThat(JdbcClient.create(dataSource).sql("select status from segmentation_runs where run_id = ?").param(runId)
                    .query(String.class).single()).isEqualTo("RUNNING");
        } finally {
            otherWorker.fail(runId, "ended by the test");
        }
    }

    /** What the application's sweep asks (WorkClaims.Space.RUNS is 0x5352554e): can the run's claim be taken now? */
    private static boolean claimFree(long runId) {
        return JdbcClient.create(TestDatabase.dataSource()).sql("select pg_try_advisory_xact_lock(1397904718, hashtext(?))")
                .param(Long.toString(runId)).query(Boolean.class).single();
    }

    /** A COMPLETED run of the same segmentation just before the RUNNING one (ids of truncated runs are free again). */
    private static long completedRunBefore(long runId) {
        return JdbcClient.create(TestDatabase.dataSource()).sql("insert into segmentation_runs (run_id, segmentation_id, as_of, status, "
                + "finished_at, customers) select run_id - 1, segmentation_id, date '2024-06-29', 'COMPLETED', now(), 0 "
                + "from segmentation_runs where run_id = ? returning run_id").param(runId).query(Long.class).single();
    }

    /** Three customers (a: two orders, b: one, c: none), the frequency-tiers template and a RUNNING run of it. */
    private static long prepare() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("truncate tactical_segments cascade");
        JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
        for (String id : List.of("a", "b", "c")) {
            jdbc.sql("insert into customers (customer_id, city) values (?, ?)").params(id, id.equals("a") ? "Riga" : "Oslo").update();
        }
        jdbc.sql("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) "
                + "select 1000 + row_number() over (), o.id, c.customer_key, o.at::timestamptz, o.total, 1 from (values "
                + "('o1', 'a', '2024-06-01T10:00:00Z', 30.00), ('o2', 'a', '2024-06-20T23:59:59Z', 20.00), ('o3', 'b', '2024-05-01T00:00:00Z', 15.50)) "
                + "as o(id, customer, at, total) join customers c on c.customer_id = o.customer").update();
        jdbc.sql("insert into order_lines (order_key, line_no, amount, category) select order_key, 1, total, 'shoes' from orders").update();
        long segmentation = new JdbcSegmentationDefinitions(jdbc, new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())))
                .add(SegmentationTemplates.instantiate("frequency-tiers", "Frequency tiers"), "frequency-tiers", 1);
        jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('in Riga', 'newcomers', 'city = \"Riga\"', 'ACTIVE')").update();
        return jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status) values (?, date '2024-06-30', 'RUNNING') returning run_id")
                .param(segmentation).query(Long.class).single();
    }
}
