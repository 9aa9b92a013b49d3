package io.strata.bootstrap.prediction;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A base too small to fit: the run completes, its predictions say why not, and no predicted field is made up. */
class PredictionRefusalTest extends EndToEndTest {

    @Test
    void tooFewRepeatBuyersCompleteTheRunWithoutPredictions() throws Exception {
        emptyDatabase();
        // c1 buys twice on one day (one purchase, totals summed) and again later: x 1; c2 buys once; c3 only returns
        String orders = """
                order_id,customer_id,ordered_at,amount
                a1,c1,2024-01-01T08:00:00Z,10
                a2,c1,2024-01-01T20:00:00Z,15
                a3,c1,2024-02-01,30
                b1,c2,2024-03-01,20
                r1,c3,2024-03-01,-5
                """;
        assertThat(post("/api/v1/imports/orders", "text/csv", orders).statusCode()).isEqualTo(200);
        long runId = completedRfmClassicRun();

        HttpResponse<String> summary = get("/api/v1/segmentation-runs/" + runId + "/predictions");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).isEqualTo("{\"status\":\"NOT_FITTED\",\"reason\":\"too few repeat buyers to fit: 1, at least 100 are needed\","
                + "\"timeUnit\":\"WEEK\",\"customers\":2,\"repeatBuyers\":1,\"bgNbd\":null,\"gammaGamma\":null,\"logLikelihood\":null}");

        HttpResponse<String> csv = get("/api/v1/segmentation-runs/" + runId + "/predictions/customers");
        assertThat(csv.body().split("\r?\n")).containsExactly(
                "customer_id,p_alive,expected_purchases_30d,expected_purchases_90d,expected_purchases_365d,expected_purchase_value,predicted_value",
                "c1,,,,,,", "c2,,,,,,");

        // a preview of a rule on predicted fields against this run is refused with the reason; other rules still preview
        HttpResponse<String> predicted = post("/api/v1/tactical-segments/preview", "application/json",
                "{\"parentSegment\":\"promising\",\"rule\":\"frequency >= 1 and not p_alive < 0.3\"}");
        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(409);
        assertThat(predicted.body()).contains("the rule names predicted fields, but the predictions of run " + runId
                + " (the latest completed) were not fitted: too few repeat buyers to fit: 1, at least 100 are needed");
        HttpResponse<String> plain = post("/api/v1/tactical-segments/preview", "application/json",
                "{\"parentSegment\":\"promising\",\"rule\":\"frequency >= 1\"}");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    }

    /**
     * 120 buyers, each with 1 to 5 repeat purchases (x = 1 + i mod 5) of 20 · x each: spend grows with frequency, a
     * correlation of exactly 1 among the repeat buyers (the oracle, worked by hand), beyond the default ±0.3. The run
     * completes, its predictions say why not, and every predicted field in the CSV is empty.
     */
    @Test
    void spendCorrelatedWithFrequencyCompletesTheRunWithoutPredictions() throws Exception {
        emptyDatabase();
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String customer = String.format("k%03d", i);
            int x = 1 + i % 5;
            orders.append("f").append(i).append(',').append(customer).append(",2024-01-01,50\n");
            for (int k = 1; k <= x; k++) {
                orders.append("r").append(i).append('-').append(k).append(',').append(customer).append(",2024-0").append(1 + k)
                        .append("-10,").append(20 * x).append('\n');
            }
            rows.add(customer + ",,,,,,");
        }
        assertThat(post("/api/v1/imports/orders", "text/csv", orders.toString()).statusCode()).isEqualTo(200);
        long runId = completedRfmClassicRun();

        HttpResponse<String> summary = get("/api/v1/segmentation-runs/" + runId + "/predictions");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).isEqualTo("{\"status\":\"NOT_FITTED\",\"reason\":\"Gamma-Gamma assumes spend independent of purchase"
                + " frequency, but their correlation among repeat buyers is 1.000 (beyond ±0.30)\","
                + "\"timeUnit\":\"WEEK\",\"customers\":120,\"repeatBuyers\":120,\"bgNbd\":null,\"gammaGamma\":null,\"logLikelihood\":null}");

        HttpResponse<String> csv = get("/api/v1/segmentation-runs/" + runId + "/predictions/customers");
        List<String> expected = new ArrayList<>();
        expected.add("customer_id,p_alive,expected_purchases_30d,expected_purchases_90d,expected_purchases_365d,expected_purchase_value,predicted_value");
        expected.addAll(rows);
        assertThat(csv.body().split("\r?\n")).containsExactlyElementsOf(expected);
    }

    @Test
    void predictedValueTiersWithoutAFitFailTheRunNamingTheReason() throws Exception {
        emptyDatabase();
        String orders = """
                order_id,customer_id,ordered_at,amount
                a1,c1,2024-01-01,10
                a2,c1,2024-02-01,30
                b1,c2,2024-03-01,20
                """;
        assertThat(post("/api/v1/imports/orders", "text/csv", orders).statusCode()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json",
                "{\"name\":\"Ahead\",\"template\":\"predicted-value-tiers\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long segmentation = CdnowPredictionsTest.number(created.body(), "id");
        post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");

        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");

        assertThat(run.body()).contains("\"status\":\"FAILED\"").contains("Predicted value tiers need the run's predictions, but its models "
                + "were not fitted: too few repeat buyers to fit: 1, at least 100 are needed. Activate a segmentation on past value");
    }

    /** Activates an rfm-classic segmentation, runs it as of 2024-06-30 and answers the completed run's id. */
    private long completedRfmClassicRun() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        long segmentation = CdnowPredictionsTest.number(created.body(), "id");
        post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        return CdnowPredictionsTest.number(run.body(), "runId");
    }
}
