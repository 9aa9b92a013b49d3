package io.strata.bootstrap.campaign;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-made base of the campaign tests and small HTTP helpers. rfm-classic as of 2024-06-30 over 50 buyers
 * (score = 1 + floor(5 × (rank − 1) / 50), ties share the lowest rank):
 * <ul>
 *   <li>w01–w20: 3 orders, the last on 2024-01-10 (172 days): oldest, recency rank 1 → R 1; frequency 3 comes after
 *       the 20 one-time buyers, rank 21 → F 3: <b>at_risk</b>;</li>
 *   <li>b01–b20: 1 order on 2024-06-20 (10 days): recency rank 21 → R 3; frequency rank 1 → F 1: about_to_sleep;</li>
 *   <li>c01–c10: 5 orders up to 2024-06-25 (5 days): rank 41 → R 5, F 5: champions.</li>
 * </ul>
 * Every w has the email opt-in except w01 (refused) and w20 (never asked).
 */
abstract class CampaignTestSupport extends EndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> AT_RISK = IntStream.rangeClosed(1, 20).mapToObj(i -> "w%02d".formatted(i)).toList();

    void handMadeBase() throws Exception {
        StringBuilder customers = new StringBuilder("customer_id,email,email_opt_in\n");
        for (String w : AT_RISK) {
            customers.append(w).append(',').append(w).append("@example.com,")
                    .append(w.equals("w01") ? "false" : w.equals("w20") ? "" : "true").append('\n');
        }
        handMadeBase(customers.toString());
    }

    /** The same orders with other profiles of w01–w20; the segments stay as above, since they follow from the orders. */
    void handMadeBase(String customersCsv) throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        assertThat(post("/api/v1/imports/customers", "text/csv", customersCsv).statusCode()).isEqualTo(200);
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (String w : AT_RISK) {
            for (String day : List.of("2023-11-10", "2023-12-10", "2024-01-10")) {
                orders.append(w).append('-').append(day).append(',').append(w).append(',').append(day).append(",25\n");
            }
        }
        IntStream.rangeClosed(1, 20).forEach(i -> orders.append("b%02d-1,b%02d,2024-06-20,30\n".formatted(i, i)));
        IntStream.rangeClosed(1, 10).forEach(i -> List.of("05", "10", "15", "20", "25").forEach(day ->
                orders.append("c%02d-%s,c%02d,2024-06-%s,20\n".formatted(i, day, i, day))));
        assertThat(importOrders(orders.toString()).statusCode()).isEqualTo(200);
    }

    /** Tactical segments of at_risk (smart TV viewers w01–w08, Paris w05–w12, so w05–w08 are in both) and one of another segment. */
    record TacticalBase(long smartTv, long paris, long parisSleepers, long runId) {
    }

    /**
     * The hand-made base with devices, cities, phones and consent per channel for the at_risk customers w01–w20, its
     * tactical segments, and a run as of 2024-06-30 that computes their members:
     * <ul>
     *   <li>device smart_tv: w01–w08 (web for the others); city Paris: w05–w12 (Riga for the others);</li>
     *   <li>email opt-in: everyone but w13 (refused) and w20 (never asked);</li>
     *   <li>SMS opt-in: w01–w06 and w13; w07 refused, w08 never asked, the others refused;</li>
     *   <li>push opt-in: w07–w11; w12 refused, the others never asked.</li>
     * </ul>
     */
    TacticalBase tacticalBase() throws Exception {
        StringBuilder customers = new StringBuilder("customer_id,email,phone,email_opt_in,sms_opt_in,push_opt_in,device,city\n");
        for (int i = 1; i <= 20; i++) {
            String email = i == 13 ? "false" : i == 20 ? "" : "true";
            String sms = i <= 6 || i == 13 ? "true" : i == 8 ? "" : "false";
            String push = i >= 7 && i <= 11 ? "true" : i == 12 ? "false" : "";
            customers.append("w%02d,w%02d@example.com,+3310000%04d,%s,%s,%s,%s,%s\n".formatted(i, i, i, email, sms, push,
                    i <= 8 ? "smart_tv" : "web", i >= 5 && i <= 12 ? "Paris" : "Riga"));
        }
        handMadeBase(customers.toString());
        activeRfmClassic();
        long smartTv = tacticalSegment("Smart TV", "at_risk", "device = \"smart_tv\"");
        long paris = tacticalSegment("Paris", "at_risk", "city = \"Paris\"");
        long parisSleepers = tacticalSegment("Paris sleepers", "about_to_sleep", "city = \"Paris\"");
        return new TacticalBase(smartTv, paris, parisSleepers, run("2024-06-30"));
    }

    long tacticalSegment(String name, String parent, String rule) throws Exception {
        HttpResponse<String> created = post("/api/v1/tactical-segments", "application/json", JSON.writeValueAsString(
                Map.of("name", name, "parentSegment", parent, "rule", rule)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asLong();
    }

    HttpResponse<String> importOrders(String csv) throws Exception {
        return post("/api/v1/imports/orders", "text/csv", csv);
    }

    long activeRfmClassic() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json(created).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        return id;
    }

    long run(String asOf) throws Exception {
        HttpResponse<String> run = runAndAwaitFollowUps("{\"asOf\":\"" + asOf + "\"}");
        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        return json(run).get("runId").asLong();
    }

    /**
     * The highest campaign id handed out before a test pinned the next one; the audit trail cannot be emptied, so an id
     * handed out twice would show a later test the audit entries of an earlier campaign.
     */
    private static long highestCampaignId;

    /** The next campaign gets this id, so the hash-chosen control group is known in advance. */
    void nextCampaignId(long id) {
        long current = jdbc.sql("select last_value from campaigns_campaign_id_seq").query(Long.class).single();
        highestCampaignId = Math.max(highestCampaignId, current);
        jdbc.sql("select setval('campaigns_campaign_id_seq', ?)").param(id - 1).query(Long.class).single();
    }

    /** After a test that pinned campaign ids, the sequence moves past every id handed out so far, so none is reused. */
    @AfterEach
    void campaignIdsMoveOn() {
        if (highestCampaignId > 0) {
            jdbc.sql("select setval('campaigns_campaign_id_seq', greatest(?, (select last_value from campaigns_campaign_id_seq)))")
                    .param(highestCampaignId).query(Long.class).single();
            highestCampaignId = jdbc.sql("select last_value from campaigns_campaign_id_seq").query(Long.class).single();
        }
    }

    static String winBack(String controlPercent) {
        return """
                {"name": "Win back at risk", "objective": "move at_risk up to loyal_customers", "targetSegment": "at_risk",
                 "actions": [{"channel": "email", "content": "template:winback-1"}],
                 "controlGroupPercent": %s, "attributionWindowDays": 30}""".formatted(controlPercent);
    }

    long createCampaign(String body) throws Exception {
        HttpResponse<String> created = post("/api/v1/campaigns", "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asLong();
    }

    HttpResponse<String> action(long id, String transition, String body) throws Exception {
        return post("/api/v1/campaigns/" + id + "/" + transition, "application/json", body);
    }

    long launchedCampaign(String body, String launchAt) throws Exception {
        long id = createCampaign(body);
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        HttpResponse<String> launched = action(id, "launch", launchAt == null ? "" : "{\"launchAt\":\"" + launchAt + "\"}");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        return id;
    }

    /** The members CSV of a launched campaign: customer id → the rest of its row, "group,channel,tactical_segment_id". */
    Map<String, String> audienceMembers(long id) throws Exception {
        HttpResponse<String> csv = get("/api/v1/campaigns/" + id + "/audience/members", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> rows = lines(csv.body());
        assertThat(rows.get(0)).isEqualTo("customer_id,group,channel,tactical_segment_id");
        Map<String, String> members = new TreeMap<>();
        rows.subList(1, rows.size()).forEach(row -> members.put(row.substring(0, row.indexOf(',')), row.substring(row.indexOf(',') + 1)));
        return members;
    }

    HttpResponse<String> put(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).header("Accept", accept).GET().build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static List<String> lines(String body) {
        return new ArrayList<>(body.lines().toList());
    }

    /** Polls the campaign's delivery counts until they satisfy {@code done} (20 s at most). */
    JsonNode awaitDeliveries(long id, Predicate<JsonNode> done) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofSeconds(20));
        while (java.time.Instant.now().isBefore(deadline)) {
            JsonNode deliveries = json(get("/api/v1/campaigns/" + id + "/audience")).get("deliveries");
            if (done.test(deliveries)) {
                return deliveries;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deliveries of campaign " + id + " did not get there in 20 s");
    }
}
