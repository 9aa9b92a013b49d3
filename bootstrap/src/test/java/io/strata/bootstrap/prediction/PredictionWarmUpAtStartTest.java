package io.strata.bootstrap.prediction;

import io.strata.application.prediction.PredictionService;
import io.strata.application.prediction.PredictionWarmUp;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.wiring.PredictionWarmUpAtStart;
import io.strata.domain.prediction.ValueModel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The predictions' warm-up at start (on by default): done before the application took its first request, through the
 * code a run's predictions take (the made-up buyers read, both models fitted, every pattern scored, the forecasts' COPY
 * bytes made), and it writes nothing. "Writes nothing" is checked on the database's transaction ids: any write takes
 * one, a read does not.
 */
class PredictionWarmUpAtStartTest extends EndToEndTest {

    @Autowired
    PredictionWarmUpAtStart warmUpAtStart;

    @Autowired
    PredictionService predictions;

    @Test
    void theWarmUpWasDoneBeforeTheApplicationTookRequests() {
        // the web server opened after the warm-up's lifecycle returned, so a test, which needs the port, finds it done
        PredictionWarmUp done = warmUpAtStart.result().orElseThrow(() -> new AssertionError("the warm-up did not run or failed"));
        assertThat(warmUpAtStart.passes()).isBetween(1, 5);
        assertThat(done.customers()).isEqualTo(40_000);
        assertThat(done.fitted()).as("the models fitted to the made-up buyers: %s", done.model()).isTrue();
        // more made-up repeat buyers than the warm-up's sample bound (25,000), so that their spends are sampled as a
        // large base's are, and more than the simplex's sample (20,000): the branches a 1M run takes
        assertThat(done.model().repeatBuyers()).isGreaterThan(25_000);
        assertThat(done.spends()).as("the spends sampled down to the warm-up's bound, still more than the simplex's sample")
                .isGreaterThan(20_000).isLessThanOrEqualTo(25_000);
        // every (x, T) of the patterns scored and put into the store's bytes, 20,000 a chunk, all into one COPY's (since
        // session 40): 19 bytes of header and 2 of trailer, 78 a row (since changeset 470: per (x, T), far fewer than patterns)
        assertThat(done.ages()).isPositive().isLessThan(done.patterns() / 2);
        assertThat(done.forecastBytes()).isEqualTo(19 + 2 + 78L * done.ages());
    }

    @Test
    void theWarmUpWritesNothingAndGivesTheSameModelsEachTime() throws InterruptedException {
        awaitRunFollowUps(); // another test's run writing meanwhile would take transaction ids
        // autovacuum takes transaction ids of its own (an ANALYZE each table): since session 44 it gets the runs' tables
        // back after their follow-ups and may analyse one of them again while the warm-up runs. Such an attempt does not
        // count, and is made again; a warm-up that writes fails every attempt.
        for (int attempt = 1; ; attempt++) {
            awaitAutovacuumIdle();
            long visits = autovacuumVisits();
            long nextXid = nextTransactionId();
            long relations = jdbc.sql("select count(*) from pg_class").query(Long.class).single();

            PredictionWarmUp again = predictions.warmUp();

            long nextXidAfter = nextTransactionId();
            awaitAutovacuumIdle();
            if (autovacuumVisits() != visits && attempt < 5) {
                continue;
            }
            assertThat(nextXidAfter).as("transaction ids given out during the warm-up").isEqualTo(nextXid);
            assertThat(jdbc.sql("select count(*) from pg_class").query(Long.class).single()).isEqualTo(relations);
            ValueModel atStart = warmUpAtStart.result().orElseThrow().model();
            assertThat(again.model()).isEqualTo(atStart);
            return;
        }
    }

    /** Vacuums and analyses autovacuum has done so far, over every table. */
    private long autovacuumVisits() {
        return jdbc.sql("select coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint from pg_stat_all_tables")
                .query(Long.class).single();
    }

    /** Until no autovacuum worker is at work (at most 10 s), so that what a worker did is counted in {@link #autovacuumVisits}. */
    private void awaitAutovacuumIdle() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until && jdbc.sql("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")
                .query(Long.class).single() > 0) {
            Thread.sleep(50);
        }
    }

    private long nextTransactionId() {
        return jdbc.sql("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint").query(Long.class).single();
    }
}
