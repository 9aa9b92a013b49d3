package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign whose audience buys near the contract's bound after the launch (orders of 9·10^14, a customer's and a
 * group's sums past 10^15, a return of -999999999999999.9999): its launch, its measurement after the next run and every
 * page and download that reads them answer (session 59, amounts near the bound).
 */
class AmountsNearTheBoundCampaignTest extends CampaignTestSupport {

    private static final String LAUNCH = "2024-07-01T12:00:00Z";

    @Test
    void aCampaignWhoseAudienceBuysPastTheBoundIsMeasuredAndShown() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        long id = createCampaign(winBack("20"));
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        HttpResponse<String> launched = action(id, "launch", "{\"launchAt\":\"" + LAUNCH + "\"}");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);

        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (String w : AT_RISK) {
            if (!w.equals("w11")) {
                orders.append("n1-").append(w).append(',').append(w).append(",2024-07-05T09:00:00Z,900000000000000\n");
                orders.append("n2-").append(w).append(',').append(w).append(",2024-07-10T09:00:00Z,999999999999999.9999\n");
            }
        }
        orders.append("n-w11,w11,2024-07-05T09:00:00Z,-999999999999999.9999\n");
        HttpResponse<String> imported = importOrders(orders.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        long later = run("2024-07-20");

        for (String api : List.of("/api/v1/campaigns/" + id + "/results", "/api/v1/campaigns/" + id + "/audience",
                "/api/v1/segmentation-runs/" + later + "/migration", "/api/v1/segmentation-runs/" + later)) {
            HttpResponse<String> answer = get(api);
            assertThat(answer.statusCode()).as(api + ": " + answer.body()).isEqualTo(200);
        }
        // 18 members got the email (w01 refused it, w20 was never asked), treatment and control together; each but w11
        // bought 900000000000000 and 999999999999999.9999 in the window: 17 converters of 1899999999999999.9999 each,
        // 32299999999999999.9983 in all (past 10^16); w11's return is no conversion (a positive total converts)
        // read with decimals as written: a default reader takes them as doubles, 32299999999999999.9983 as 3.23E16
        String body = get("/api/v1/campaigns/" + id + "/results").body();
        tools.jackson.databind.JsonNode results = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().readTree(body);
        assertThat(results.path("treatment").path("customers").asLong() + results.path("control").path("customers").asLong())
                .as(results.toString()).isEqualTo(18);
        assertThat(results.path("treatment").path("converters").asLong() + results.path("control").path("converters").asLong())
                .as(results.toString()).isEqualTo(17);
        assertThat(results.path("treatment").path("revenue").decimalValue().add(results.path("control").path("revenue").decimalValue()))
                .as(body).isEqualByComparingTo("32299999999999999.9983");

        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        for (String page : List.of("/", "/campaigns/" + id, "/campaigns/" + id + "/results.csv", "/campaigns",
                "/segments/at_risk", "/segments/champions")) {
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page + ": " + answer.body()).isEqualTo(200);
        }
    }
}
