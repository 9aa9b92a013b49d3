package io.strata.bootstrap.prediction;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 20 item 5 on a fitted run: the run page shows the correlation of repeat frequency and average spend among the
 * repeat buyers (Gamma-Gamma assumes the two independent), beside the limit it is checked against and what it means.
 * The REST summary stays the contract's (no field added).
 */
class SpendCorrelationPageTest extends EndToEndTest {

    /** A buyer's spend deviation e_j, by j mod 6: mean 0, mean square (256 + 256 + 64 + 64 + 256 + 256) / 6 = 192. */
    private static final int[] DEVIATION = {-16, -16, -8, 8, 16, 16};
    /** The deviation's scale k_x for x = 1 to 5: the spread of average spend narrows as x grows, as Gamma-Gamma expects. */
    private static final double[] SCALE = {2, 1.5, 1, 0.75, 0.5};

    /**
     * 120 repeat buyers i = 0..119 with x = 1 + i mod 5 repeat purchases, each worth m = 50 − 2 (x − 3) + k_x e_j
     * (j = i / 5, 0..23), so their average is m; 40 buyers of one purchase (x = 0, left out of the correlation).
     * Every x meets every j once: within each x the e_j average 0. The oracle, by hand (population moments, n = 120):
     * mean x = 3, var x = (4 + 1 + 0 + 1 + 4) / 5 = 2; mean m = 50;
     * cov(x, m) = mean of (x − 3)(−2 (x − 3)) = −2 · 2 = −4 (the k_x e_j part averages 0 within each x);
     * var m = var(−2 (x − 3)) + mean(k_x²) · mean(e_j²) = 8 + ((4 + 2.25 + 1 + 0.5625 + 0.25) / 5) · 192 = 8 + 1.6125 · 192 = 317.6;
     * r = −4 / √(2 · 317.6) = −0.158710 (−0.159 to three decimals, spend falling as frequency rises).
     */
    @Test
    void theRunPageShowsTheSpendCorrelationOfAFittedRunBesideItsLimit() throws Exception {
        emptyDatabase();
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 120; i++) {
            int x = 1 + i % 5;
            int j = i / 5;
            long m = Math.round(50 - 2 * (x - 3) + SCALE[x - 1] * DEVIATION[j % 6]);
            LocalDate first = start.plusDays(j);
            int gap = 5 + 3 * (j % 8);
            orders.append("f").append(i).append(",k").append(i).append(',').append(first).append(",25\n");
            for (int k = 1; k <= x; k++) {
                orders.append("r").append(i).append('-').append(k).append(",k").append(i).append(',').append(first.plusDays((long) gap * k))
                        .append(',').append(m).append('\n');
            }
        }
        for (int t = 0; t < 40; t++) {
            orders.append("o").append(t).append(",once").append(t).append(',').append(start.plusDays(3L * t)).append(",40\n");
        }
        HttpResponse<String> imported = post("/api/v1/imports/orders", "text/csv", orders.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        long segmentation = CdnowPredictionsTest.number(created.body(), "id");
        post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        long runId = CdnowPredictionsTest.number(run.body(), "runId");

        // the contract's summary, unchanged: fitted, and no field beyond the contract's (the correlation is not one)
        String summary = get("/api/v1/segmentation-runs/" + runId + "/predictions").body();
        assertThat(summary).as(summary).contains("\"status\":\"FITTED\"").contains("\"customers\":160").contains("\"repeatBuyers\":120");
        assertThat(summary.replaceAll("\\{\"r\":[^}]*}", "{}").replaceAll("\\{\"p\":[^}]*}", "{}").replaceAll(":(\"[^\"]*\"|[^,{}]+)", ":_"))
                .isEqualTo("{\"status\":_,\"reason\":_,\"timeUnit\":_,\"customers\":_,\"repeatBuyers\":_,\"bgNbd\":{},\"gammaGamma\":{},"
                        + "\"logLikelihood\":_}");

        double oracle = -4 / Math.sqrt(2 * 317.6);
        assertThat(oracle).isCloseTo(-0.158710, within(1e-6));
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/segmentation-runs/" + runId))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<dd id=\"run-spend-correlation-value\">" + String.format(Locale.ROOT, "%.3f", oracle) + "</dd>")
                .contains("<dd id=\"run-spend-correlation-value\">-0.159</dd>")
                .contains("<dd id=\"run-spend-correlation-limit\">±0.30</dd>")
                .contains("Refused beyond (strata.predictions.maximum-spend-correlation)")
                .contains("does not depend on how often they buy").contains("a value near 0 is what the")
                .containsPattern("Fitted: BG/NBD on\\s+<span>160</span> buyers, Gamma-Gamma on\\s+<span>120</span> repeat buyers.");
    }

    /** A run refused for the correlation says so on its page: the reason with the correlation, and the limit. */
    @Test
    void theRunPageOfARunRefusedForItsSpendCorrelationGivesTheReason() throws Exception {
        emptyDatabase();
        // as in PredictionRefusalTest: 120 buyers spending 20 x on each of x repeat purchases, a correlation of 1
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (int i = 0; i < 120; i++) {
            int x = 1 + i % 5;
            orders.append("f").append(i).append(",k").append(i).append(",2024-01-01,50\n");
            for (int k = 1; k <= x; k++) {
                orders.append("r").append(i).append('-').append(k).append(",k").append(i).append(",2024-0").append(1 + k).append("-10,")
                        .append(20 * x).append('\n');
            }
        }
        assertThat(post("/api/v1/imports/orders", "text/csv", orders.toString()).statusCode()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        post("/api/v1/segmentations/" + CdnowPredictionsTest.number(created.body(), "id") + "/activate", "application/json", "");
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        long runId = CdnowPredictionsTest.number(run.body(), "runId");

        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        String html = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/segmentation-runs/" + runId)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(html).contains("<p id=\"run-predictions-not-fitted\">Not fitted: Gamma-Gamma assumes spend independent of purchase"
                        + " frequency, but their correlation among repeat buyers is 1.000 (beyond ±0.30).</p>")
                .contains("<dd id=\"run-spend-correlation-value\">–</dd>")
                .contains("<dd id=\"run-spend-correlation-limit\">±0.30</dd>");
    }
}
