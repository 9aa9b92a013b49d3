package io.strata.bootstrap.segmentation;

import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.wiring.InterruptedWorkAtStart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's and segment page's mean predicted value per segment (issue 19 item 3): the first page after a run at
 * 10M took 19.9 s because it worked them out, one pass over the run's assignments joined to its predictions. The run's
 * worker now stores them after the answer, and a page only reads them: before the worker has, it shows none.
 */
class PredictedValueAveragesAfterARunTest extends EndToEndTest {

    @Autowired
    InterruptedWorkAtStart atStart;

    @Autowired
    RunSegmentation runs;

    @Autowired
    ReadPredictions predictions;

    @Test
    void theRunsWorkerStoresTheAveragesAndAPageVisitBeforeItNeverWorksThemOut() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nv1,a1,2024-06-01,10\nv2,a2,2024-06-01,10\n");
        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Frequency\",\"template\":\"frequency-tiers\"}").body();
        post("/api/v1/segmentations/" + created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1") + "/activate", "application/json", "");
        long run = SegmentationApiTest.number(runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}").body(), "runId");
        assertThat(stored(run)).as("stored by the run's follow-ups").isEqualTo(1);

        // the run's two buyers (both newcomers, one purchase each) with predictions a pass over the run would average to 40
        jdbc.sql("update run_customer_predictions set predicted_value = case when customer_key = (select customer_key from customers "
                + "where customer_id = 'a1') then 30 else 50 end where run_id = ?").param(run).update();
        // as right after the answer, the follow-ups not done yet
        jdbc.sql("delete from run_predicted_value_averages where run_id = ?").param(run).update();
        jdbc.sql("update segmentation_runs set followed_up_at = null where run_id = ?").param(run).update();

        assertThat(predictions.averagePredictedValues(run)).as("a page before the follow-ups: none shown").isEmpty();
        assertThat(stored(run)).as("and nothing worked out by the visit").isZero();

        atStart.run(null);
        awaitRunFollowUps();

        assertThat(stored(run)).isEqualTo(1);
        assertThat(predictions.averagePredictedValues(run)).isEqualTo(Map.of("newcomers", 40.0));
        // read from the stored row: a page after the follow-ups no longer reads the run's rows
        jdbc.sql("update run_customer_predictions set predicted_value = 1000 where run_id = ?").param(run).update();
        assertThat(predictions.averagePredictedValues(run)).isEqualTo(Map.of("newcomers", 40.0));
        assertThat(runs.followedUp(run)).isTrue();
    }

    private long stored(long run) {
        return jdbc.sql("select count(*) from run_predicted_value_averages where run_id = ?").param(run).query(Long.class).single();
    }
}
