package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.ImportBetweenHalves;
import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hand-computed expectation of {@link SqlSegmentationRunTest}, with each run written in two halves of the
 * customers by key ({@link RunHalves}): the seven customers c1..c7 get consecutive keys, so the lower half holds c1..c3
 * (the middle of the span [k, k + 7) is k + 3) and the upper half c4..c7.
 */
class SqlSegmentationRunInHalvesTest extends SqlSegmentationRunTest {

    @Override
    long halvesFrom() {
        return 0;
    }

    /** Each half's rows lie in segment order, then customer order; the run's partition is the two halves. */
    @Override
    @Test
    void theRowsLieInSegmentOrderThenInCustomerOrder() throws Exception {
        runFiveAndSix();

        assertThat(stored(5)).containsExactly("at_risk c2", "cant_lose c3", "promising c1",
                "hibernating c4", "hibernating c5", "promising c6", "prospects c7");
        assertThat(stored(6)).containsExactly("newcomers c1", "newcomers c2", "repeat c3",
                "newcomers c4", "newcomers c5", "newcomers c6", "prospects c7");
        assertThat(jdbc.sql("""
                        select c.relname || ' ' || c.relkind::text from pg_partition_tree('run_assignments_5') t join pg_class c on c.oid = t.relid
                        order by t.level, c.relname""").query(String.class).list())
                .containsExactly("run_assignments_5 p", "run_assignments_5_high r", "run_assignments_5_low r");
    }

    /** The rows of the run's halves, the lower half first, each as it stores them, page by page. */
    @Override
    List<String> stored(long runId) {
        String partition = SqlSegmentationRun.partition(runId);
        return jdbc.sql("select a.segment_key || ' ' || c.customer_id from " + partition + "_low a join customers c using (customer_key) order by a.ctid")
                .query(String.class).list().stream()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), low -> {
                    List<String> all = new java.util.ArrayList<>(low);
                    all.addAll(jdbc.sql("select a.segment_key || ' ' || c.customer_id from " + partition
                            + "_high a join customers c using (customer_key) order by a.ctid").query(String.class).list());
                    return all;
                }));
    }

    /**
     * An orders import committed after the run's snapshot and before the upper half's first statement is seen by neither
     * half: the upper half imports the snapshot the run's transaction exported. The import gives c4 and c5 (the upper
     * half) an order of 1,000 each the day before the as-of day; on a snapshot of its own the upper half would count it
     * (c4 two orders, 1,500, recency 1 day). The rows are those of {@link #rfmClassicScoresAndSegmentsEveryCustomerAsTheContractDefines}.
     */
    @Test
    void anImportCommittedBetweenTheHalvesIsSeenByNeither() throws Exception {
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (8, 1, '2024-06-30', 'COMPLETED')");
        ImportBetweenHalves dataSource = ImportBetweenHalves.committing("insert into orders (order_key, order_id, customer_key, ordered_at, total, "
                + "line_count) select nextval('order_key_blocks'), 'big-' || customer_id, customer_key, '2024-06-29T12:00:00Z', 1000, 1 from customers "
                + "where customer_id in ('c4', 'c5')");

        long customers = SqlSegmentationRun.execute(dataSource, DatabaseSettings.Tuning.defaults(), 8,
                new SqlPlan.Rfm(SqlPlan.Third.MONETARY, RFM_CLASSIC, "prospects"), labels(), LocalDate.parse("2024-06-30"), snapshot -> { }, false, 0);

        assertThat(dataSource.committed()).isTrue();
        assertThat(jdbc.sql("select count(*) from orders where order_id like 'big-%'").query(Long.class).single()).isEqualTo(2);
        assertThat(customers).isEqualTo(7);
        assertThat(assignments(8)).containsEntry("c1", "promising 4 1 1 1 1 50.0000")
                .containsEntry("c2", "at_risk 2 4 4 10 2 200.0000")
                .containsEntry("c3", "cant_lose 1 5 3 121 3 90.0000")
                .containsEntry("c4", "hibernating 1 1 5 366 1 500.0000")
                .containsEntry("c5", "hibernating 2 1 1 10 1 10.0000")
                .containsEntry("c6", "promising 4 1 2 1 1 70.0000")
                .containsEntry("c7", "prospects null null null null 0 0.0000")
                .hasSize(7);
        assertThat(jdbc.sql("select sum(customers) from run_segments where run_id = 8").query(Long.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("select revenue from run_segments where run_id = 8 and segment_key = 'hibernating'").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("510");
    }

    /** A stop between the upper half's commit and the run's: the next start's sweep drops the loose half, not an attached one. */
    @Test
    void aLooseUpperHalfIsDroppedAndAnAttachedOneKept() throws Exception {
        runFiveAndSix();
        jdbc.sql("create table run_assignments_77_high (like run_assignments)").update();

        RunHalves.dropLooseUpperHalf(jdbc, 77);
        RunHalves.dropLooseUpperHalf(jdbc, 5);

        assertThat(jdbc.sql("select to_regclass('run_assignments_77_high')::text").query(String.class).optional()).isEmpty();
        assertThat(assignments(5)).hasSize(7);
    }
}
