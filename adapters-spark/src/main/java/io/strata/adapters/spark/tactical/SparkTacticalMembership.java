package io.strata.adapters.spark.tactical;

import io.strata.adapters.spark.segmentation.SparkQuery;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.DatabaseAddress;
import io.strata.adapters.spark.source.FactSource;
import io.strata.application.incident.EngineUnavailable;
import io.strata.application.tactical.MembershipRule;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.domain.rule.CheckedRule;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run's tactical memberships computed on Spark: each rule compiled by {@link SparkRuleSql} filters the run's members
 * of its parent segment (read back from the run's assignments), all segments in one job, written by {@link RunTables}.
 * Reading stored memberships (sizes, members, a customer's segments) and the one-customer-at-a-time preview stay with
 * the database's own adapter, given here as {@code stored}.
 */
public final class SparkTacticalMembership implements TacticalMembership {

    private final Supplier<SparkSession> sessions;
    private final FactSource facts;
    private final DatabaseAddress database;
    private final RunTables tables;
    private final TacticalMembership stored;

    public SparkTacticalMembership(Supplier<SparkSession> sessions, FactSource facts, DatabaseAddress database, RunTables tables,
                                   TacticalMembership stored) {
        this.sessions = sessions;
        this.facts = facts;
        this.database = database;
        this.tables = tables;
        this.stored = stored;
    }

    @Override
    public void assign(long runId, List<MembershipRule> segments, LocalDate asOf) {
        if (segments.isEmpty()) {
            return;
        }
        SparkQuery query = members(segments, asOf);
        try {
            SparkSession spark = sessions.get();
            facts.register(spark, asOf);
            // a fetch size, as for the facts (JdbcFacts): without it the driver holds the run's whole assignment
            // (10M rows at 10M customers) in memory at once in the one task that reads it
            spark.read().option("fetchsize", "10000").jdbc(database.url(), "(select customer_key, segment_key, r, f, m, recency_days, frequency, monetary "
                    + "from run_assignments where run_id = " + runId + ") as a", database.properties()).createOrReplaceTempView("assignments");
            Dataset<Row> members = spark.sql(query.text(), query.arguments());
            tables.storeMembers(runId, members, segments.stream().map(s -> new RunTables.TacticalLabel(s.tacticalId(), s.parentSegment())).toList());
        } catch (IllegalArgumentException | EngineUnavailable e) {
            throw e;
        } catch (Exception e) {
            // also Spark's checked SparkException, which Scala throws undeclared
            throw new EngineUnavailable("the tactical segments of run " + runId + " could not be computed on Spark: " + RunTables.reason(e)
                    + "; nothing of them was kept", e);
        }
    }

    /** One query: the union of every segment's members (tactical_id, customer_key). */
    static SparkQuery members(List<MembershipRule> segments, LocalDate asOf) {
        SparkQuery query = new SparkQuery();
        AtomicInteger aliases = new AtomicInteger();
        List<String> parts = new ArrayList<>();
        for (MembershipRule segment : segments) {
            SparkRuleSql.Compiled rule = SparkRuleSql.compile(segment.rule(), asOf, query, aliases);
            parts.add("select cast(" + segment.tacticalId() + " as bigint) as tactical_id, a.customer_key from assignments a "
                    + "join customers c on c.customer_key = a.customer_key " + String.join(" ", rule.joins())
                    + " where a.segment_key = " + query.bind(segment.parentSegment()) + " and " + rule.condition());
        }
        query.append(String.join("\nunion all\n", parts));
        return query;
    }

    @Override
    public Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize) {
        return stored.preview(runId, parentSegment, rule, asOf, sampleSize);
    }

    @Override
    public void streamMembers(long runId, long tacticalId, Consumer<String> customerIds) {
        stored.streamMembers(runId, tacticalId, customerIds);
    }

    @Override
    public List<RunSize> sizes(long runId) {
        return stored.sizes(runId);
    }

    @Override
    public List<Long> segmentsOf(long runId, String customerId) {
        return stored.segmentsOf(runId, customerId);
    }

    @Override
    public List<String> firstMembers(long runId, long tacticalId, int limit) {
        return stored.firstMembers(runId, tacticalId, limit);
    }

    @Override
    public List<io.strata.application.tactical.TacticalRunShare> history(long tacticalId) {
        return stored.history(tacticalId);
    }
}
