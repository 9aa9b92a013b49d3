package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid input near the contract's bound (an amount has 15 digits before the point, an order's total stays under
 * 10^15, a customer's sum may pass it): every answer that reads such customers is an answer, never a 5xx or a failed
 * run, and a value that cannot be represented is left empty with a reason (session 59, the contract read from outside).
 */
class AmountsNearTheBoundTest extends ImportEndToEndTest {

    /** The repeat average of each k, noted as its orders are written: the sum of its repeat spends / x, to 4 places. */
    private final java.util.Map<String, String> repeatAverages = new java.util.HashMap<>();

    /**
     * 105 repeat buyers k000..k104: a first purchase of 50 on 2024-01-(1 + i mod 25), then x = 1 + i mod 3 repeat
     * purchases (on day 1 + 7i mod 25 of February, March, April), each of b (50 + u) 10^11, b = 20 + 10 ((i / 3) mod 5)
     * the buyer's level and u drawn from 0..100 (java.util.Random, seed 59): spends of 10^14 to 9·10^14 that vary within
     * and between buyers, the level as often with each x as any other (so spend and frequency are hardly correlated),
     * and no outlier the fit refuses in one more of 10^15. Their repeat averages are noted for the oracle. G buys 50
     * on 2024-01-03, then on 2024-02-10 and 2024-03-10 two orders of 6·10^14 each (one purchase a day, summed): x = 2,
     * the mean x of the others (its share of the correlation is 0), repeat average 1.2·10^15, past the 10^15 a
     * numeric(19,4) holds.
     */
    private String repeatBuyersAndOneAveragingPastTheBound() {
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        java.util.Random draws = new java.util.Random(59);
        for (int i = 0; i < 105; i++) {
            String customer = String.format("k%03d", i);
            orders.append("f").append(i).append(',').append(customer).append(String.format(",2024-01-%02d,50\n", 1 + i % 25));
            int x = 1 + i % 3;
            long level = 20 + 10 * ((i / 3) % 5);
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int k = 1; k <= x; k++) {
                java.math.BigDecimal spend = java.math.BigDecimal.valueOf(level * (50 + draws.nextInt(101))).movePointRight(11);
                sum = sum.add(spend);
                orders.append("r").append(i).append('-').append(k).append(',').append(customer)
                        .append(String.format(",2024-%02d-%02d,", 1 + k, 1 + (7 * i) % 25)).append(spend.toPlainString()).append('\n');
            }
            repeatAverages.put(customer, sum.divide(java.math.BigDecimal.valueOf(x), 4, java.math.RoundingMode.HALF_EVEN).toPlainString());
        }
        orders.append("gf,G,2024-01-03,50\n");
        orders.append("g1a,G,2024-02-10T08:00:00Z,600000000000000\n");
        orders.append("g1b,G,2024-02-10T20:00:00Z,600000000000000\n");
        orders.append("g2a,G,2024-03-10T08:00:00Z,600000000000000\n");
        orders.append("g2b,G,2024-03-10T20:00:00Z,600000000000000\n");
        return orders.toString();
    }

    @Test
    void predictionsReadARepeatBuyerWhosePurchasesAverage10To15OrMore() throws Exception {
        HttpResponse<String> imported = importCsv("orders", repeatBuyersAndOneAveragingPastTheBound());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        long runId = completedRun("rfm-classic", "2024-06-30");

        HttpResponse<String> summary = get("/api/v1/segmentation-runs/" + runId + "/predictions");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(json(summary).path("repeatBuyers").asLong()).as(summary.body()).isEqualTo(106);
        assertThat(json(summary).path("status").asString()).as(summary.body()).isEqualTo("FITTED");

        HttpResponse<String> csv = get("/api/v1/segmentation-runs/" + runId + "/predictions/customers");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        String[] rows = csv.body().split("\r?\n");
        assertThat(rows).hasSize(107);
        assertThat(rows[1]).startsWith("G,");
        assertThat(rows[2]).startsWith("k000,");

        // the view's repeat_average (numeric(19,4)): G's 1.2e15 is left empty, k000's (x 1) and k001's (x 2) are their
        // spends' averages, whole numbers a double holds exactly
        assertThat(text("select string_agg(coalesce(p.repeat_average::text, 'empty'), ',' order by c.customer_id) from run_customer_predictions p"
                + " join customers c using (customer_key) where p.run_id = " + runId + " and c.customer_id in ('G', 'k000', 'k001')"))
                .isEqualTo("empty," + repeatAverages.get("k000") + "," + repeatAverages.get("k001"));

        HttpResponse<String> customer = get("/api/v1/customers/G");
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        HttpResponse<String> other = get("/api/v1/customers/k000");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);

        String segment = segmentOf(runId, "G");
        HttpResponse<String> predicted = post("/api/v1/tactical-segments/preview", "application/json",
                "{\"parentSegment\":\"" + segment + "\",\"rule\":\"predicted_value > 500\"}");
        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
        assertThat(predicted.body()).doesNotContain("overflow");

        HttpResponse<String> backTest = get("/api/v1/segmentation-runs/" + runId + "/predictions/back-test?holdoutWeeks=8");
        assertThat(backTest.statusCode()).as(backTest.body()).isIn(200, 409, 422);
        assertThat(backTest.body()).doesNotContain("overflow");

        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        for (String page : List.of("/", "/customers/G", "/customers/k000", "/segments/" + segment,
                "/segmentation-runs/" + runId + "/back-test", "/segmentation-runs/" + runId + "/predictions.csv")) {
            HttpResponse<String> answer = page(browser, page);
            assertThat(answer.statusCode()).as(page + ": " + answer.body()).isEqualTo(200);
        }

        HttpResponse<String> tiers = post("/api/v1/segmentations", "application/json", "{\"name\":\"Ahead\",\"template\":\"predicted-value-tiers\"}");
        long tiersId = json(tiers).path("id").asLong();
        assertThat(post("/api/v1/segmentations/" + tiersId + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        HttpResponse<String> run = runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(json(run).path("status").asString()).as(run.body()).isEqualTo("COMPLETED");
        long tiersRun = json(run).path("runId").asLong();
        HttpResponse<String> tiersCsv = get("/api/v1/segmentation-runs/" + tiersRun + "/assignments");
        assertThat(tiersCsv.statusCode()).as(tiersCsv.body()).isEqualTo(200);
        assertThat(tiersCsv.body()).contains("\nG,");
        for (String page : List.of("/", "/customers/G", "/segments/" + segmentOf(tiersRun, "G"))) {
            HttpResponse<String> answer = page(browser, page);
            assertThat(answer.statusCode()).as(page + ": " + answer.body()).isEqualTo(200);
        }
    }

    /**
     * B1 buys 9·10^14 twice (monetary 1.8·10^15), B2 9·10^14 twice and returns 999999999999999.9999 (a negative line
     * at the bound), Q1 buys one piece... of 999999999999999.9999 pieces for 1, S1 buys 10. Value tiers, a run, and
     * every reader of those customers.
     */
    @Test
    void everyReaderOfCustomersSummingPastTheBoundAnswers() throws Exception {
        HttpResponse<String> imported = importCsv("orders", """
                order_id,customer_id,ordered_at,amount,quantity
                B1-a,B1,2026-05-01T09:00:00Z,900000000000000,1
                B1-b,B1,2026-06-01T09:00:00Z,900000000000000,1
                B2-a,B2,2026-05-10T09:00:00Z,900000000000000,1
                B2-b,B2,2026-06-10T09:00:00Z,900000000000000,1
                B2-r,B2,2026-06-20T09:00:00Z,-999999999999999.9999,-1
                Q1-a,Q1,2026-06-15T09:00:00Z,1,999999999999999.9999
                S1-a,S1,2026-06-30T12:00:00Z,10,1
                """);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        HttpResponse<String> again = importCsv("orders", """
                order_id,customer_id,ordered_at,amount,quantity
                B1-a,B1,2026-05-01T09:00:00Z,900000000000000,1
                B1-b,B1,2026-06-01T09:00:00Z,900000000000000,1
                """);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        long runId = completedRun("value-tiers", "2026-06-30");
        awaitRunFollowUps();

        HttpResponse<String> assignments = get("/api/v1/segmentation-runs/" + runId + "/assignments");
        assertThat(assignments.statusCode()).as(assignments.body()).isEqualTo(200);
        assertThat(assignments.body()).contains("\nB1,").contains(",1800000000000000.0000\n");
        String segment = segmentOf(runId, "B1");

        for (String rule : List.of("sum(orders.amount within 365 days) > 1000000000000000",
                "monetary between 1000000000000000 and 2000000000000000", "sum(orders.quantity) > 1", "avg(orders.amount) > 1", "sum(orders.amount) < 0",
                "count(orders) >= 2")) {
            HttpResponse<String> preview = post("/api/v1/tactical-segments/preview", "application/json",
                    "{\"parentSegment\":\"" + segment + "\",\"rule\":\"" + rule + "\"}");
            assertThat(preview.statusCode()).as(rule + ": " + preview.body()).isEqualTo(200);
        }
        HttpResponse<String> saved = post("/api/v1/tactical-segments", "application/json", "{\"name\":\"Big\",\"parentSegment\":\""
                + segment + "\",\"rule\":\"sum(orders.amount within 365 days) > 1000000000000000\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        long tactical = json(saved).path("id").asLong();
        HttpResponse<String> members = get("/api/v1/tactical-segments/" + tactical + "/customers");
        assertThat(members.statusCode()).as(members.body()).isEqualTo(200);

        for (String api : List.of("/api/v1/customers/B1", "/api/v1/customers/B2", "/api/v1/customers/Q1",
                "/api/v1/segmentation-runs/" + runId)) {
            HttpResponse<String> answer = get(api);
            assertThat(answer.statusCode()).as(api + ": " + answer.body()).isEqualTo(200);
        }
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        for (String page : List.of("/", "/customers/B1", "/customers/B2", "/customers/Q1", "/segments/" + segment,
                "/segments/" + segment + "/members.csv", "/tactical-segments/" + tactical, "/tactical-segments/" + tactical + "/members.csv",
                "/segmentation-runs/" + runId, "/segmentations", "/action-plan")) {
            HttpResponse<String> answer = page(browser, page);
            assertThat(answer.statusCode()).as(page + ": " + answer.body()).isEqualTo(200);
        }
    }

    private long completedRun(String template, String asOf) throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"S\",\"template\":\"" + template + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).path("id").asLong();
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"" + asOf + "\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode body = json(run);
        assertThat(body.path("status").asString()).as(run.body()).isEqualTo("COMPLETED");
        return body.path("runId").asLong();
    }

    private String segmentOf(long runId, String customer) throws Exception {
        for (String row : get("/api/v1/segmentation-runs/" + runId + "/assignments").body().split("\r?\n")) {
            if (row.startsWith(customer + ",")) {
                return row.split(",")[1];
            }
        }
        throw new AssertionError(customer + " has no assignment in run " + runId);
    }

    private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
