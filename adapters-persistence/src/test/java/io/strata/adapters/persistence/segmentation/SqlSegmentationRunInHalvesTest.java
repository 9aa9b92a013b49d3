package io.strata.adapters.persistence.segmentation;

import org.junit.jupiter.api.Test;

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
