package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An always-on campaign's moved-up figures with customers who did move, every one worked out by hand, read from the API
 * (every cohort) and from the campaign's page (its totals computed in SQL since session 52), which must agree. Until
 * session 53 every moved-up figure the tests checked was 0 (docs/testing.md, "Moved up, by hand").
 *
 * <p>frequency-tiers ranks its segments prospects 1 (no order), newcomers 2 (1–2 orders), repeat 3 (3–5), loyal 4 (6+); a
 * member moved up when its segment in the later run ranks above its segment in its cohort's run. The base:
 * <ul>
 *   <li>r01, r02: three orders in June, repeat throughout (never in the target); n01–n10: customers without orders;</li>
 *   <li>R1 as of 2024-06-30: n01–n10 prospects. The campaign (always-on for newcomers) starts: R1 is its baseline;</li>
 *   <li>n01–n08 order on 07-01. R2 as of 07-05: newcomers n01–n08, none of them newcomers in R1: cohort R2, 8 entered;</li>
 *   <li>n01, n02, n03 order on 07-08 and 07-09 (3 orders: repeat), n04 on 07-06 to 07-10 (6: loyal), n09 and n10 on 07-12.
 *       R3 as of 07-12: newcomers n05–n10, of whom n09 and n10 were not newcomers in R2: cohort R3, 2 entered;</li>
 *   <li>n09 orders on 07-14 and 07-15 (3: repeat). R4 as of 07-16: newcomers n05–n08 and n10, all newcomers in R3
 *       already: cohort R4, nobody entered.</li>
 * </ul>
 * A cohort's later run is its segmentation's latest completed run after it: R4 for the cohorts of R2 and R3; R4's own
 * cohort has none. Control share 50 % for campaign 3003: the first byte of sha256("3003:nNN") is below 0x80 for n04,
 * n06, n07, n08, n09 (python3: hashlib.sha256(b"3003:n04").digest()[0]); n01, n02, n03, n05, n10 are treated. Every
 * customer has the email opt-in, the global holdout is 0 %, so everyone who entered is in a group.
 * <ul>
 *   <li>cohort R2: treatment n01, n02, n03, n05; in R4 n01–n03 are repeat (up), n05 a newcomer: 3 of 4 moved up, 0.75.
 *       Control n04, n06, n07, n08; n04 is loyal (up), the others newcomers: 1 of 4, 0.25. Moved-up uplift 0.5;</li>
 *   <li>cohort R3: treatment n10, a newcomer still: 0 of 1, 0. Control n09, repeat: 1 of 1, 1. Uplift −1;</li>
 *   <li>over the two cohorts with a later run: treatment 5 (n01, n02, n03, n05, n10), 3 moved up, 0.6; control 5 (n04,
 *       n06–n09), 2 moved up, 0.4. Uplift 0.2.</li>
 * </ul>
 */
class AlwaysOnMovedUpTest extends CampaignTestSupport {

    @Test
    void theMovedUpFiguresOfCohortsWhoseMembersMovedAreTheHandWorkedOnesInTheApiAndOnThePage() throws Exception {
        emptyDatabase();
        StringBuilder customers = new StringBuilder("customer_id,email,email_opt_in\n");
        for (String id : List.of("r01", "r02", "n01", "n02", "n03", "n04", "n05", "n06", "n07", "n08", "n09", "n10")) {
            customers.append(id).append(',').append(id).append("@example.com,true\n");
        }
        assertThat(post("/api/v1/imports/customers", "text/csv", customers.toString()).statusCode()).isEqualTo(200);
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                r01-1,r01,2024-06-01,20
                r01-2,r01,2024-06-10,20
                r01-3,r01,2024-06-20,20
                r02-1,r02,2024-06-02,20
                r02-2,r02,2024-06-11,20
                r02-3,r02,2024-06-21,20
                """).statusCode()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long segmentation = json(created).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        long r1 = run("2024-06-30");
        nextCampaignId(3003);
        long id = createCampaign("""
                {"name": "Second order", "objective": "newcomers buy again", "targetSegment": "newcomers",
                 "actions": [{"channel": "email", "content": "template:second-order"}],
                 "controlGroupPercent": 50, "attributionWindowDays": 30}""");
        assertThat(id).isEqualTo(3003);
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        HttpResponse<String> started = post("/api/v1/campaigns/" + id + "/always-on", "application/json", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("baselineRunId").asLong()).isEqualTo(r1);

        StringBuilder firstOrders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (int i = 1; i <= 8; i++) {
            firstOrders.append("n%02d-1,n%02d,2024-07-01,30\n".formatted(i, i));
        }
        assertThat(importOrders(firstOrders.toString()).statusCode()).isEqualTo(200);
        long r2 = run("2024-07-05");
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                n01-2,n01,2024-07-08,30
                n01-3,n01,2024-07-09,30
                n02-2,n02,2024-07-08,30
                n02-3,n02,2024-07-09,30
                n03-2,n03,2024-07-08,30
                n03-3,n03,2024-07-09,30
                n04-2,n04,2024-07-06,30
                n04-3,n04,2024-07-07,30
                n04-4,n04,2024-07-08,30
                n04-5,n04,2024-07-09,30
                n04-6,n04,2024-07-10,30
                n09-1,n09,2024-07-12,30
                n10-1,n10,2024-07-12,30
                """).statusCode()).isEqualTo(200);
        long r3 = run("2024-07-12");
        assertThat(importOrders("""
                order_id,customer_id,ordered_at,amount
                n09-2,n09,2024-07-14,30
                n09-3,n09,2024-07-15,30
                """).statusCode()).isEqualTo(200);
        long r4 = run("2024-07-16");

        // the groups and segments the figures below stand on, as the comment above works them out
        assertThat(audienceMembers(id)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "n01", "treatment,email,", "n02", "treatment,email,", "n03", "treatment,email,", "n04", "control,email,",
                "n05", "treatment,email,", "n06", "control,email,", "n07", "control,email,", "n08", "control,email,",
                "n09", "control,email,", "n10", "treatment,email,")));
        assertThat(jdbc.sql("""
                        select c.customer_id || ' ' || a.segment_key from run_assignments a join customers c using (customer_key)
                        where a.run_id = ? and c.customer_id like 'n%' order by c.customer_id""").param(r4).query(String.class).list())
                .containsExactly("n01 repeat", "n02 repeat", "n03 repeat", "n04 loyal", "n05 newcomers", "n06 newcomers", "n07 newcomers",
                        "n08 newcomers", "n09 repeat", "n10 newcomers");

        JsonNode view = json(get("/api/v1/campaigns/" + id + "/always-on", "application/json"));
        List<JsonNode> cohorts = new ArrayList<>();
        view.get("cohorts").forEach(cohorts::add);
        assertThat(cohorts).extracting(c -> c.get("runId").asLong()).containsExactly(r2, r3, r4);
        assertThat(cohorts).extracting(c -> c.get("entered").asLong()).containsExactly(8L, 2L, 0L);
        assertThat(cohorts).extracting(c -> c.get("treatment").asLong()).containsExactly(4L, 1L, 0L);
        assertThat(cohorts).extracting(c -> c.get("control").asLong()).containsExactly(4L, 1L, 0L);
        assertThat(cohorts.get(0).get("laterRunId").asLong()).isEqualTo(r4);
        assertThat(cohorts.get(1).get("laterRunId").asLong()).isEqualTo(r4);
        assertThat(cohorts.get(2).get("laterRunId").isNull()).as("the newest cohort has no later run").isTrue();
        // cohort R2: 3 of 4 against 1 of 4
        JsonNode second = cohorts.get(0).get("results");
        assertThat(second.get("treatment").get("movedUp").asLong()).isEqualTo(3);
        assertThat(second.get("treatment").get("migrationRate").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(second.get("control").get("movedUp").asLong()).isEqualTo(1);
        assertThat(second.get("control").get("migrationRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(second.get("migrationUplift").decimalValue()).isEqualByComparingTo("0.5");
        // cohort R3: 0 of 1 against 1 of 1
        JsonNode third = cohorts.get(1).get("results");
        assertThat(third.get("treatment").get("movedUp").asLong()).isZero();
        assertThat(third.get("control").get("movedUp").asLong()).isEqualTo(1);
        assertThat(third.get("migrationUplift").decimalValue()).isEqualByComparingTo("-1");
        assertThat(cohorts.get(2).get("results").get("treatment").get("movedUp").isNull()).isTrue();
        // over the two cohorts with a later run: 3 of 5 against 2 of 5
        assertThat(view.get("cohortsWithLaterRun").asLong()).isEqualTo(2);
        JsonNode migration = view.get("migration");
        assertThat(migration.get("treatment").get("customers").asLong()).isEqualTo(5);
        assertThat(migration.get("treatment").get("movedUp").asLong()).isEqualTo(3);
        assertThat(migration.get("treatment").get("migrationRate").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(migration.get("control").get("customers").asLong()).isEqualTo(5);
        assertThat(migration.get("control").get("movedUp").asLong()).isEqualTo(2);
        assertThat(migration.get("control").get("migrationRate").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(migration.get("migrationUplift").decimalValue()).isEqualByComparingTo("0.2");

        // the page: each cohort's moved-up uplift as a share, and the total's over the cohorts with a later run (SQL totals)
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/campaigns/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body().replaceAll(">\\s+<", "><");
        String table = html.substring(html.indexOf("id=\"cohort-table\""), html.indexOf("</table>", html.indexOf("id=\"cohort-table\"")));
        Map<String, String> lastCells = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr(?: class=\"total\")?><td>([^<]+)</td><td>[^<]*</td><td>(\\d+)</td><td>(\\d+)</td><td>(\\d+)</td>(?:<td>[^<]*</td>){4}<td>([^<]*)</td></tr>")
                .matcher(table);
        while (row.find()) {
            lastCells.put(row.group(1), row.group(2) + " " + row.group(3) + " " + row.group(4) + " " + row.group(5));
        }
        assertThat(lastCells).containsExactly(Map.entry(Long.toString(r2), "8 4 4 50.0%"), Map.entry(Long.toString(r3), "2 1 1 -100.0%"),
                Map.entry(Long.toString(r4), "0 0 0 –"), Map.entry("Total", "10 5 5 –"));
        assertThat(html).contains("<span>2</span> cohorts that have a later run:");
        Matcher total = Pattern.compile("id=\"always-on-migration\">([^<]+)</span>").matcher(html);
        assertThat(total.find()).as(html).isTrue();
        assertThat(new java.math.BigDecimal(total.group(1))).isEqualByComparingTo("0.2");
    }
}
