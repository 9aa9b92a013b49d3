package io.strata.adapters.spark.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.FactViews;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.source.LakeExport;
import io.strata.adapters.spark.source.ParquetFacts;
import io.strata.adapters.spark.testing.LocalSpark;
import io.strata.adapters.spark.testing.PopulationRows;
import io.strata.application.incident.EngineUnavailable;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.segmentation.SegmentationTemplates;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentationArbitraries;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input ends a run with a reason that says what and where, and leaves nothing of it in the run tables: an
 * unreachable master, a Parquet lake whose columns differ from the layout, a job stopped while it writes. A lake
 * exported from the database gives the run the database gives.
 */
class SparkRunFailuresTest {

    /** Three customers: two buyers (one with two orders) and one who never bought. */
    static List<CustomerHistory> population() {
        List<CustomerHistory> population = new ArrayList<>();
        population.add(history("c1", line("c1", "o1", "2024-06-01T10:00:00Z", "30.00"), line("c1", "o2", "2024-06-20T23:59:59Z", "20.00")));
        population.add(history("c2", line("c2", "o3", "2024-05-01T00:00:00Z", "15.50")));
        population.add(history("c3"));
        return population;
    }

    private static CustomerHistory history(String id, OrderLine... lines) {
        return new CustomerHistory(Customer.withoutAttributes(new CustomerId(id)), List.of(lines), List.of());
    }

    private static OrderLine line(String customer, String order, String at, String amount) {
        return OrderLine.of(order, customer, Instant.parse(at), amount).withCategory("shoes");
    }

    private static GeneralSegmentation frequencyTiers() {
        return SegmentationTemplates.instantiate("frequency-tiers", "Frequency tiers");
    }

    private static SparkSegmentationEngine engine(java.util.function.Supplier<SparkSession> sessions, io.strata.adapters.spark.source.FactSource facts) {
        return new SparkSegmentationEngine(sessions, facts, new RunTables(LocalSpark.database()), FieldCatalogue::builtInOnly);
    }

    @Test
    void aRunOnAMasterThatCannotBeReachedFailsInSecondsNamingTheMaster() throws SQLException {
        PopulationRows.load(population(), SegmentationArbitraries.AS_OF);
        SparkSessions unreachable = new SparkSessions("spark://127.0.0.1:1", 2);

        assertThatThrownBy(() -> engine(unreachable::forRun, new JdbcFacts(LocalSpark.database(), 2))
                .assign(PopulationRows.RUN, frequencyTiers(), SegmentationArbitraries.AS_OF))
                .isInstanceOf(EngineUnavailable.class)
                .hasMessageStartingWith("the Spark master spark://127.0.0.1:1 cannot be reached (")
                .hasMessageContaining("check STRATA_SPARK_MASTER");
        assertThat(partitions()).isZero();
    }

    @Test
    void aLakeWhoseOrderTotalsAreTextIsRefusedNamingThePathTheColumnAndTheTypeExpected(@TempDir Path lake) throws SQLException {
        PopulationRows.load(population(), SegmentationArbitraries.AS_OF);
        SparkSession spark = LocalSpark.forRun();
        LakeExport.write(spark, new JdbcFacts(LocalSpark.database(), 2), SegmentationArbitraries.AS_OF, lake.toString());
        spark.read().parquet(lake + "/orders").selectExpr("order_key", "customer_key", "ordered_at", "cast(total as string) as total")
                .write().mode("overwrite").parquet(lake + "/orders-as-text");
        Path orders = lake.resolve("orders");
        try (var files = java.nio.file.Files.walk(orders)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(lake.resolve("orders-as-text").toFile().renameTo(orders.toFile())).isTrue();

        assertThatThrownBy(() -> engine(LocalSpark::forRun, new ParquetFacts(lake.toString()))
                .assign(PopulationRows.RUN, frequencyTiers(), SegmentationArbitraries.AS_OF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Parquet files for orders at " + lake + "/orders have column 'total' as STRING, the layout needs "
                        + "DECIMAL(19,4) (docs/scale-out.md)");
        assertThat(partitions()).isZero();
    }

    @Test
    void aLakeExportedFromTheDatabaseGivesTheRunTheDatabaseGives(@TempDir Path lake) throws SQLException {
        PopulationRows.load(population(), SegmentationArbitraries.AS_OF);
        LakeExport.write(LocalSpark.forRun(), new JdbcFacts(LocalSpark.database(), 2), SegmentationArbitraries.AS_OF, lake.toString());

        long assigned = engine(LocalSpark::forRun, new ParquetFacts(lake.toString())).assign(PopulationRows.RUN, frequencyTiers(),
                SegmentationArbitraries.AS_OF);

        assertThat(assigned).isEqualTo(3);
        assertThat(SparkAgreesWithReferenceProperties.stored()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "c1", "newcomers null null null 10 2 50",
                "c2", "newcomers null null null 60 1 15.5",
                "c3", "prospects null null null null 0 0"));
        assertThat(FactViews.ORDERS.columnList()).isEqualTo("order_key, customer_key, ordered_at, total");
    }

    @Test
    void aCustomerWhoseOrdersAddUpPastAQuadrillionIsAssignedWithTheExactSum() throws SQLException {
        // each order within the imports' bound (under 10^15), their sum beyond numeric(19,4): the database's run adds it
        // up in numeric(38,4) (changeset 650), so must Spark's (it cast the sum to decimal(19,4) and the run failed)
        List<CustomerHistory> population = new ArrayList<>(population());
        population.add(history("c4", line("c4", "o4", "2024-06-01T10:00:00Z", "999999999999999.9999"),
                line("c4", "o5", "2024-06-10T10:00:00Z", "999999999999999.9999")));
        PopulationRows.load(population, SegmentationArbitraries.AS_OF);

        long assigned = engine(LocalSpark::forRun, new JdbcFacts(LocalSpark.database(), 2)).assign(PopulationRows.RUN, frequencyTiers(),
                SegmentationArbitraries.AS_OF);

        assertThat(assigned).isEqualTo(4);
        assertThat(SparkAgreesWithReferenceProperties.stored()).containsEntry("c4", "newcomers null null null 20 2 1999999999999999.9998");
        assertThat(count("select count(*) from run_segments where revenue = 1999999999999999.9998 + 65.5")).isOne();
    }

    @Test
    void aJobStoppedWhileItWritesLeavesNothingOfTheRun() throws SQLException {
        PopulationRows.load(population(), SegmentationArbitraries.AS_OF);
        SparkSession spark = LocalSpark.forRun();
        AtomicBoolean stopped = new AtomicBoolean();
        SparkListener stopper = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart task) {
                // the first task of the job that writes (its description names the JDBC write) stops every job
                if (stopped.compareAndSet(false, true)) {
                    spark.sparkContext().cancelAllJobs();
                }
            }
        };
        spark.sparkContext().addSparkListener(stopper);
        try {
            assertThatThrownBy(() -> engine(() -> spark, new JdbcFacts(LocalSpark.database(), 2))
                    .assign(PopulationRows.RUN, frequencyTiers(), SegmentationArbitraries.AS_OF))
                    .isInstanceOf(EngineUnavailable.class)
                    .hasMessageStartingWith("run 1 could not be completed on Spark (facts from PostgreSQL at ")
                    .hasMessageEndingWith("; nothing of it was kept and the previous run stays current");
        } finally {
            spark.sparkContext().removeSparkListener(stopper);
        }
        assertThat(partitions()).isZero();
        assertThat(TestDatabase.dataSource()).isNotNull();
        assertThat(count("select count(*) from run_segments")).isZero();
    }

    /** Tables of run 1's assignments, attached or not. */
    private static long partitions() throws SQLException {
        return count("select count(*) from pg_class where relname = 'run_assignments_1'");
    }

    private static long count(String sql) throws SQLException {
        try (var c = TestDatabase.dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
