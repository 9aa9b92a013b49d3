package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.segmentation.SqlSegmentationEngine;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.FitBounds;
import io.strata.application.segmentation.AssignmentPace;
import io.strata.application.segmentation.RunSnapshot;
import io.strata.domain.prediction.ValueModel;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every case of {@link CarriedBuyersTest} with the carried run written in two halves (since session 44 a large run is
 * written in halves with its predictions beside it too): each half's rows carry its buyers' patterns, and the view reads
 * them through run_assignments, whose partition of the run is then itself partitioned into the halves. Oracle besides
 * the buyer tables of the parent's cases: the same base's run written as one table with its buyers carried, whose six
 * predicted values every buyer's in the halves must equal ({@code is not distinct from}, so a missing value on one side
 * is a difference too).
 */
class CarriedBuyersInHalvesTest extends CarriedBuyersTest {

    /** The same base carried by one table (the application's engine: 400 customers are far below its halves' bound). */
    private static final long ONE_TABLE_RUN = 9_304;

    private final SqlSegmentationEngine halves = SqlSegmentationEngine.withHalvesFrom(TestDatabase.dataSource(), FieldCatalogue::builtInOnly,
            SETTINGS, 0);

    @Override
    SqlSegmentationEngine carriedEngine() {
        return halves;
    }

    @Test
    void everyBuyerOfTheHalvesHasTheSixValuesOfTheOneTableRun() {
        threeRuns(FitBounds.DEFAULT);
        // the carried run's partition is the two halves, and both carry buyers
        assertThat(jdbc.sql("""
                        select c.relname || ' ' || count(a.buyer_x) from pg_partition_tree('run_assignments_%d') t join pg_class c on c.oid = t.relid
                        left join run_assignments a on a.tableoid = c.oid where t.isleaf group by c.relname order by c.relname"""
                        .formatted(CARRIED_RUN)).query(String.class).list())
                .hasSize(2).allSatisfy(half -> assertThat(Long.parseLong(half.substring(half.indexOf(' ') + 1))).isGreaterThan(100));

        TestDatabase.execute("update purchase_facts_horizon set latest_ordered_at = (select max(ordered_at) from orders)");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + ONE_TABLE_RUN
                + ", 1, '2024-06-30', 'COMPLETED')");
        AtomicReference<BuyerFacts> read = new AtomicReference<>();
        engine.assign(ONE_TABLE_RUN, SegmentationTemplates.instantiate("rfm-classic", "t"), AS_OF, snapshot -> {
            assertThat(snapshot.buyersCarried()).isTrue();
            read.set(histories.ofRun(ONE_TABLE_RUN, AS_OF, Optional.of(snapshot), () -> { }, FitBounds.DEFAULT));
        });
        ValueModel.Fitted oneTable = fitAndStore(ONE_TABLE_RUN, read.get(), true);
        histories.release(ONE_TABLE_RUN);
        assertThat(jdbc.sql("select count(*) from pg_partition_tree('run_assignments_" + ONE_TABLE_RUN + "')").query(Long.class).single())
                .as("one table, not halves").isEqualTo(1);

        assertThat(oneTable.bgNbd()).isEqualTo(storedBgNbd(CARRIED_RUN));
        long buyers = jdbc.sql("select count(*) from run_customer_predictions where run_id = ?").param(CARRIED_RUN).query(Long.class).single();
        assertThat(buyers).isGreaterThan(300)
                .isEqualTo(jdbc.sql("select count(*) from run_customer_predictions where run_id = ?").param(ONE_TABLE_RUN).query(Long.class).single());
        long same = jdbc.sql("""
                        select count(*) from run_customer_predictions h join run_customer_predictions o using (customer_key)
                        where h.run_id = ? and o.run_id = ?
                          and h.p_alive is not distinct from o.p_alive and h.expected_purchases_30d is not distinct from o.expected_purchases_30d
                          and h.expected_purchases_90d is not distinct from o.expected_purchases_90d
                          and h.expected_purchases_365d is not distinct from o.expected_purchases_365d
                          and h.expected_purchase_value is not distinct from o.expected_purchase_value
                          and h.predicted_value is not distinct from o.predicted_value and h.p_alive is not null""")
                .params(CARRIED_RUN, ONE_TABLE_RUN).query(Long.class).single();
        assertThat(same).isEqualTo(buyers);
    }

    /** The fitted BG/NBD stored for a run, as the contract reads it. */
    private io.strata.domain.prediction.BgNbd storedBgNbd(long run) {
        return jdbc.sql("select r, alpha, a, b from run_predictions where run_id = ?").param(run)
                .query((rs, i) -> new io.strata.domain.prediction.BgNbd(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .single();
    }

    /**
     * Beside halves the predictions are not paced (each half is one process, no parallel workers to give way to), and a
     * run with them beside that fails after its upper half committed (no segmentation_runs row: the attach's foreign
     * key fails) leaves no table of its halves.
     */
    @Test
    void aRunInHalvesWithPredictionsBesideIsNotPacedAndLeavesNothingWhenItFails() {
        AtomicReference<RunSnapshot> shared = new AtomicReference<>();
        assertThatThrownBy(() -> halves.assign(9_399, SegmentationTemplates.instantiate("rfm-classic", "t"), AS_OF, shared::set))
                .isInstanceOf(IllegalStateException.class);

        assertThat(shared.get().buyersCarried()).isTrue();
        assertThat(shared.get().pace()).isSameAs(AssignmentPace.NONE);
        assertThat(jdbc.sql("select count(*) from pg_class where relname like 'run\\_assignments\\_9399%'").query(Long.class).single()).isZero();
    }
}
