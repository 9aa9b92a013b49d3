package io.strata.bootstrap.segmentation;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activations sent at once (a double click, two planners, a script retrying) each answer 200 and leave exactly one
 * segmentation active. Before they took turns, a burst of activations of one segmentation answered some of them with a
 * 500: both transactions demoted and promoted, and one broke the one-active index (found by the session 47 probe).
 */
class ConcurrentActivationTest extends EndToEndTest {

    private static final int AT_ONCE = 12;

    @Test
    void aBurstOfActivationsAnswersEachWith200AndLeavesOneActive() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String template : new String[] {"rfm-classic", "frequency-tiers", "rfm-classic", "frequency-tiers"}) {
            ids.add(number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Burst\",\"template\":\"" + template + "\"}").body(), "id"));
        }
        for (long id : ids) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                // the same segmentation from every sender, then the next one while the last burst's commits settle
                answers.add(http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/segmentations/" + (i % 3 == 2 ? ids.get(0) : id) + "/activate"))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            assertThat(jdbc.sql("select count(*) from segmentations where status = 'ACTIVE'").query(Long.class).single()).isEqualTo(1);
        }
    }
}
