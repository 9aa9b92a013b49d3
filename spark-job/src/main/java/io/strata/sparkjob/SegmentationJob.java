package io.strata.sparkjob;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.segmentation.JdbcSegmentationDefinitions;
import io.strata.adapters.persistence.segmentation.JdbcSegmentationRuns;
import io.strata.adapters.persistence.tactical.JdbcFieldCatalogues;
import io.strata.adapters.persistence.tactical.JdbcTacticalSegments;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.adapters.spark.segmentation.SparkSegmentationEngine;
import io.strata.adapters.spark.segmentation.SparkSessions;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.DatabaseAddress;
import io.strata.adapters.spark.source.FactSource;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.source.ParquetFacts;
import io.strata.adapters.spark.tactical.SparkTacticalMembership;
import io.strata.application.incident.Incident;
import io.strata.application.segmentation.RunStatus;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.tactical.MembershipRule;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.RuleError;
import io.strata.domain.segmentation.GeneralSegmentation;
import org.apache.spark.sql.SparkSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry point spark-submit runs: completes one RUNNING segmentation run on the cluster (its assignments, summary
 * and tactical memberships) and marks it COMPLETED, or FAILED with the reason; on failure nothing of it is kept and
 * the previous run stays current. Arguments: run id, database URL; the database user and password come from
 * {@code STRATA_DB_USER} and {@code STRATA_DB_PASSWORD}, a Parquet lake root from {@code STRATA_SPARK_LAKE}
 * (docs/scale-out.md). The job holds the run's work claim from before its first read until the run is recorded finished. Exit status 0 when the run completed, 1 when it failed, 2 for wrong arguments.
 */
public final class SegmentationJob {

    private SegmentationJob() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].matches("[0-9]{1,18}")) {
            System.err.println("usage: spark-submit --class io.strata.sparkjob.SegmentationJob strata-spark-job.jar <run id> <jdbc:postgresql://…>");
            System.exit(2);
        }
        long runId = Long.parseLong(args[0]);
        DatabaseAddress database = new DatabaseAddress(args[1], System.getenv("STRATA_DB_USER"), System.getenv("STRATA_DB_PASSWORD"));
        String lake = System.getenv().getOrDefault("STRATA_SPARK_LAKE", "");
        boolean completed;
        try (HikariDataSource dataSource = pool(database)) {
            // the master and resources are spark-submit's; the settings every compiled query relies on are Strata's
            SparkSession spark = SparkSessions.configure(SparkSession.builder().appName("strata-run-" + runId), 
                    Integer.parseInt(System.getenv().getOrDefault("STRATA_SPARK_PARTITIONS", "200"))).getOrCreate();
            FactSource facts = lake.isEmpty() ? new JdbcFacts(database, spark.sparkContext().defaultParallelism()) : new ParquetFacts(lake);
            completed = run(runId, dataSource, database, facts, spark);
            spark.stop();
        }
        System.exit(completed ? 0 : 1);
    }

    /** Runs the run; answers whether it completed. */
    static boolean run(long runId, HikariDataSource dataSource, DatabaseAddress database, FactSource facts, SparkSession spark) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcSegmentationRuns runs = new JdbcSegmentationRuns(jdbc, new WorkClaims(dataSource));
        StoredRun run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("there is no run " + runId));
        if (run.status() != RunStatus.RUNNING) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status() + ", not RUNNING; start a run and pass its id");
        }
        // the run's claim, held on a connection of its own until the run is recorded finished: while this job lives the
        // application's sweeps leave the run alone; if the job is killed, the connection closes, the claim ends, and the
        // application's next look at the clock records the run as FAILED (docs/scale-out.md)
        if (!runs.takeUp(runId)) {
            throw new IllegalArgumentException("run " + runId + " is already taken up by another worker (a live session holds its claim) "
                    + "or is no longer RUNNING; a run is worked on by one worker at a time");
        }
        try {
            GeneralSegmentation definition = new JdbcSegmentationDefinitions(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)))
                    .find(run.segmentationId()).orElseThrow().definition();
            JdbcFieldCatalogues catalogues = new JdbcFieldCatalogues(jdbc);
            RunTables tables = new RunTables(database);
            long customers = new SparkSegmentationEngine(spark::newSession, facts, tables, catalogues).assign(runId, definition, run.asOf());
            List<MembershipRule> rules = tacticalRules(new JdbcTacticalSegments(jdbc).active(), catalogues.current(), definition, runId);
            new SparkTacticalMembership(spark::newSession, facts, database, tables, null).assign(runId, rules, run.asOf());
            runs.complete(runId, customers);
            System.out.println("run " + runId + ": " + customers + " customers assigned on Spark, " + rules.size() + " tactical segments");
            return true;
        } catch (RuntimeException e) {
            String reason = Incident.explainsItself(e) && e.getMessage() != null ? e.getMessage()
                    : Incident.record("Run " + runId + " could not be completed on Spark", "Start the run again; if it fails again, "
                    + "give the reference to your administrator.", e).message();
            runs.fail(runId, reason);
            System.err.println("run " + runId + " failed: " + reason);
            return false;
        }
    }

    /**
     * The active tactical segments whose parent is in the definition, as the application's tactical follow-up picks
     * them (TacticalSegmentService.afterAssignment): a rule that no longer checks is skipped, not fatal.
     */
    static List<MembershipRule> tacticalRules(List<StoredTacticalSegment> stored, FieldCatalogue catalogue, GeneralSegmentation definition, long runId) {
        List<MembershipRule> rules = new ArrayList<>();
        for (StoredTacticalSegment segment : stored) {
            if (!segment.segment().isActive() || definition.segment(segment.segment().parentSegment()).isEmpty()) {
                continue;
            }
            try {
                rules.add(new MembershipRule(segment.id(), segment.segment().parentSegment(), catalogue.check(segment.segment().rule())));
            } catch (RuleError e) {
                System.err.println("tactical segment " + segment.id() + " skipped in run " + runId + ": " + e.getMessage());
            }
        }
        return rules;
    }

    static HikariDataSource pool(DatabaseAddress database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        // one connection holds the run's claim for the job's life
        dataSource.setMaximumPoolSize(3);
        // as every connection of the job: Strata's own bounds by statements, not the startup parameter 'options' that
        // PgBouncer before 1.20 refuses (DatabaseAddress.OWN_BOUNDS)
        dataSource.setConnectionInitSql(database.sessionBounds());
        return dataSource;
    }
}
