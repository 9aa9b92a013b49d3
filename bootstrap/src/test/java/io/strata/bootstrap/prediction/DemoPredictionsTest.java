package io.strata.bootstrap.prediction;

import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.demo.DemoStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo (--demo) shows what the README promises: its run's predictions are fitted. Until session 52 the demo's
 * loyal customers spent 120 an order, regular ones 60 and occasional ones 35, so spend rose with frequency (a
 * correlation of 0.674 among repeat buyers), Gamma-Gamma's assumption failed, and the demo showed NOT_FITTED.
 * The demo is loaded as a start with --demo loads it (the same bean, on an empty database), at its default size.
 */
class DemoPredictionsTest extends EndToEndTest {

    @Autowired
    private DemoStart demo;

    @AfterEach
    void leaveNoDemo() {
        emptyDatabase();
    }

    @Test
    void theDemosRunHasFittedPredictions() throws Exception {
        emptyDatabase();

        demo.run(new DefaultApplicationArguments("--demo"));

        long runId = jdbc.sql("select max(run_id) from segmentation_runs where status = 'COMPLETED'").query(Long.class).single();
        HttpResponse<String> response = get("/api/v1/segmentation-runs/" + runId + "/predictions");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode predictions = JsonMapper.builder().build().readTree(response.body());
        assertThat(predictions.path("status").asString()).as(response.body()).isEqualTo("FITTED");
        assertThat(predictions.path("reason").isNull()).as(response.body()).isTrue();
        // 3000 customers (the default), of whom 80 % buy; the loyal and regular ones (35 %) buy three times or more
        assertThat(predictions.path("customers").asLong()).isBetween(2200L, 2600L);
        assertThat(predictions.path("repeatBuyers").asLong()).isGreaterThan(1000);
        assertThat(predictions.path("gammaGamma").path("q").asDouble()).as("Gamma-Gamma's q: above 1, or the mean spend is infinite")
                .isGreaterThan(1);
        assertThat(predictions.path("bgNbd").path("r").asDouble()).isPositive();
    }
}
