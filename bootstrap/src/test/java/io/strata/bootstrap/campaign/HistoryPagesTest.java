package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.strata.bootstrap.campaign.NextLink.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * More lists after years of history (session 52), as {@link HistoryListsTest} for campaigns, runs and imports:
 * <ul>
 *   <li>the tactical segment list names each segment once, as its newest version with its count of versions, a page at
 *       a time with an Older link; the segment's page lists its versions; the API's list (every version, oldest first,
 *       as always) goes on past its first 1000 by {@code before=<id>} and {@code Link rel=next};</li>
 *   <li>an always-on campaign's page shows its newest cohorts with an Older link, and totals over every cohort;</li>
 *   <li>the audit page pages newest first by the last entry shown, without a count, and its CSV has every match.</li>
 * </ul>
 * The history rows are written by SQL (thousands through the API would take the suite minutes); the oracles are the
 * ids and figures written here.
 */
class HistoryPagesTest extends CampaignTestSupport {

    private static final int PAGES_BOUND = 40;

    /** Tactical segments written by SQL as first versions, oldest first: their ids. */
    private List<Long> firstVersions(int count, String prefix) {
        return jdbc.sql("""
                        insert into tactical_segments (name, parent_segment, rule, hypothesis, status)
                        select ? || i, 'at_risk', 'frequency >= ' || (1 + i % 5), '', 'ACTIVE'
                        from generate_series(1, ?) i order by i returning tactical_id""")
                .params(prefix, count).query(Long.class).list().stream().sorted().toList();
    }

    /** A later version of {@code first}'s segment written by SQL, as a revision leaves it: the one before archived. */
    private long laterVersion(long first, String name) {
        jdbc.sql("update tactical_segments set status = 'ARCHIVED' where coalesce(original_id, tactical_id) = ?").param(first).update();
        return jdbc.sql("""
                        insert into tactical_segments (name, parent_segment, rule, hypothesis, status, original_id)
                        values (?, 'at_risk', 'frequency >= 4', '', 'ACTIVE', ?) returning tactical_id""")
                .params(name, first).query(Long.class).single();
    }

    @Test
    void theTacticalSegmentListNamesEachSegmentOnceAsItsNewestVersionAndItsPageListsTheVersions() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);

        // one segment revised twice through the console, as planners do: three versions, the newest active
        long frequent = tacticalSegment("Frequent", "at_risk", "frequency >= 3");
        long frequentV2 = revise(browser, frequent, "Frequent", "frequency >= 4");
        long frequentV3 = revise(browser, frequentV2, "Frequent buyers", "frequency >= 5");
        assertThat(List.of(frequent, frequentV2, frequentV3)).isSorted().doesNotHaveDuplicates();

        // 60 more written by SQL, three of them with later versions (2, 3 and 1 more), one archived by hand
        List<Long> firsts = firstVersions(60, "History ");
        long a2 = laterVersion(firsts.get(0), "History 1 v2");
        long b2 = laterVersion(firsts.get(7), "History 8 v2");
        long a3 = laterVersion(firsts.get(0), "History 1 v3");
        long c2 = laterVersion(firsts.get(30), "History 31 v2");
        long b3 = laterVersion(firsts.get(7), "History 8 v3");
        long b4 = laterVersion(firsts.get(7), "History 8 v4");
        jdbc.sql("update tactical_segments set status = 'ARCHIVED' where tactical_id = ?").param(firsts.get(59)).update();

        // the oracle: each segment once as its newest version, by that version's id, newest first, with its count
        List<Long> newest = new ArrayList<>(List.of(frequentV3, a3, b4, c2));
        firsts.stream().filter(id -> id != firsts.get(0) && id != firsts.get(7) && id != firsts.get(30)).forEach(newest::add);
        newest.sort(Comparator.reverseOrder());
        assertThat(newest).hasSize(61);
        java.util.Map<Long, Integer> versions = new java.util.HashMap<>();
        newest.forEach(id -> versions.put(id, 1));
        versions.put(frequentV3, 3);
        versions.put(a3, 3);
        versions.put(b4, 4);
        versions.put(c2, 2);

        List<Long> walked = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        String page = "/tactical-segments";
        int pages = 0;
        while (page != null) {
            String html = flat(browser.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String table = html.substring(html.indexOf("id=\"tactical-table\""), html.indexOf("</table>", html.indexOf("id=\"tactical-table\"")));
            Matcher row = Pattern.compile("(?s)<tr id=\"tactical-(\\d+)\">.*?<td class=\"tactical-versions\">(?:<a href=\"([^\"]*)\"\\s*>)?(?:<span>)?(\\d+)<")
                    .matcher(table);
            int shown = 0;
            while (row.find()) {
                long id = Long.parseLong(row.group(1));
                walked.add(id);
                counts.add(Integer.parseInt(row.group(3)));
                if (row.group(2) != null) {
                    assertThat(row.group(2)).isEqualTo("/tactical-segments/" + id + "#versions");
                }
                shown++;
            }
            assertThat(shown).as(page).isLessThanOrEqualTo(50);
            List<String> older = matches(html, "id=\"tactical-older\" rel=\"next\" href=\"([^\"]+)\"");
            page = older.isEmpty() ? null : older.get(0).replace("&amp;", "&");
            pages++;
            assertThat(pages).as("pages walked").isLessThanOrEqualTo(2);
        }
        assertThat(walked).containsExactlyElementsOf(newest);
        assertThat(counts).containsExactlyElementsOf(newest.stream().map(versions::get).toList());
        String second = flat(browser.send(HttpRequest.newBuilder(uri("/tactical-segments?before=" + newest.get(49))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(second).contains("<a id=\"tactical-newest\" href=\"/tactical-segments\">‹ Newest tactical segments</a>")
                .doesNotContain("id=\"tactical-older\"");

        // the segment's page lists its versions, newest first, each linked; an earlier version names the newest
        String v1 = flat(browser.send(HttpRequest.newBuilder(uri("/tactical-segments/" + frequent)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(matches(v1, "<tr id=\"version-(\\d+)\">").stream().map(Long::parseLong).toList())
                .containsExactly(frequentV3, frequentV2, frequent);
        assertThat(v1).contains("<a href=\"/tactical-segments/" + frequentV3 + "\">" + frequentV3 + "</a>")
                .contains("<span><strong>" + frequent + "</strong> (this one)</span>")
                .containsPattern("the newest is <a id=\"tactical-newest-version\" href=\"/tactical-segments/" + frequentV3 + "\"\\s*>Frequent buyers \\("
                        + frequentV3 + "\\)</a>");
        String v3 = flat(browser.send(HttpRequest.newBuilder(uri("/tactical-segments/" + frequentV3)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(matches(v3, "<tr id=\"version-(\\d+)\">").stream().map(Long::parseLong).toList())
                .containsExactly(frequentV3, frequentV2, frequent);
        assertThat(v3).doesNotContain("id=\"tactical-newer\"");
        assertThat(matches(flat(browser.send(HttpRequest.newBuilder(uri("/tactical-segments/" + firsts.get(7))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()), "<tr id=\"version-(\\d+)\">").stream().map(Long::parseLong).toList())
                .containsExactly(b4, b3, b2, firsts.get(7));

        // a cursor edited into something else is the list's 400 in words
        HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri("/tactical-segments?before=newest")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This address does not name a place in the list: before must be the id of a tactical segment"
                + " (a whole number from 1); got &#39;newest&#39;");
    }

    @Test
    void campaignFormsTheSegmentPageAndSearchOfferEachTacticalSegmentOnceAsItsNewestVersion() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();

        // inside at_risk: "Frequent" with three versions (renamed in the third), "Lapsed" with two, "Quiet" archived by
        // hand (one version); inside champions: "Big spenders" with two; the oracles below are these ids
        long frequent = tacticalSegment("Frequent", "at_risk", "frequency >= 3");
        long frequentV2 = revise(browser, frequent, "Frequent", "frequency >= 4");
        long frequentV3 = revise(browser, frequentV2, "Frequent buyers", "frequency >= 5");
        long lapsed = tacticalSegment("Lapsed", "at_risk", "frequency >= 2");
        long lapsedV2 = revise(browser, lapsed, "Lapsed", "frequency >= 1");
        long quiet = tacticalSegment("Quiet", "at_risk", "frequency >= 1");
        assertThat(browser.send(HttpRequest.newBuilder(uri("/tactical-segments/" + quiet + "/archive"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(
                        csrf(browser, "/tactical-segments/" + quiet), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(302);
        long spenders = tacticalSegment("Big spenders", "champions", "frequency >= 2");
        long spendersV2 = revise(browser, spenders, "Big spenders", "frequency >= 6");
        // and "Twice" inside at_risk as two revisions at once left it before session 51: two versions, both active
        long twice = tacticalSegment("Twice", "at_risk", "frequency >= 2");
        long twiceV2 = jdbc.sql("""
                        insert into tactical_segments (name, parent_segment, rule, hypothesis, status, original_id)
                        values ('Twice', 'at_risk', 'frequency >= 3', '', 'ACTIVE', ?) returning tactical_id""").param(twice).query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from tactical_segments").query(Long.class).single()).as("ten versions of five segments").isEqualTo(10);

        // the campaign form offers the active newest versions, each once: not an archived one, not an older version (active or not)
        String form = flat(page(browser, "/campaigns/new"));
        String narrow = form.substring(form.indexOf("id=\"tactical-segment\""), form.indexOf("</select>", form.indexOf("id=\"tactical-segment\"")));
        assertThat(matches(narrow, "<option value=\"(\\d+)\"").stream().map(Long::parseLong).sorted().toList())
                .containsExactly(frequentV3, lapsedV2, spendersV2, twiceV2);

        // the segment's page: each segment inside at_risk once, as its newest version (the one archived by hand too, as archived)
        String segment = flat(page(browser, "/segments/at_risk"));
        assertThat(matches(segment, "<tr id=\"tactical-(\\d+)\">").stream().map(Long::parseLong).toList())
                .containsExactly(frequentV3, lapsedV2, quiet, twiceV2);
        String members = segment.substring(segment.indexOf("id=\"member-tactical\""), segment.indexOf("</select>", segment.indexOf("id=\"member-tactical\"")));
        assertThat(matches(members, "<option value=\"(\\d+)\"").stream().map(Long::parseLong).toList()).containsExactly(frequentV3, lapsedV2, quiet, twiceV2);

        // search: "frequent" names all three versions of one segment; it is found once, as its newest, "Frequent buyers"
        assertThat(matches(flat(page(browser, "/search?q=frequent")), "href=\"/tactical-segments#tactical-(\\d+)\"").stream().map(Long::parseLong).toList())
                .containsExactly(frequentV3);
        assertThat(matches(flat(page(browser, "/search?q=e")), "href=\"/tactical-segments#tactical-(\\d+)\"").stream().map(Long::parseLong).toList())
                .containsExactly(frequentV3, lapsedV2, quiet, spendersV2, twiceV2);
    }

    private String page(HttpClient browser, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return answer.body();
    }

    private String csrf(HttpClient browser, String path) throws IOException, InterruptedException {
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page(browser, path));
        assertThat(csrf.find()).isTrue();
        return csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
    }

    @Test
    void versionsSavedBeforeTheChangeAreFoundAgainFromTheAuditTrail() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        long first = tacticalSegment("Frequent", "at_risk", "frequency >= 3");
        long second = revise(browser, first, "Frequent", "frequency >= 4");
        long third = revise(browser, second, "Frequent", "frequency >= 5");
        long other = tacticalSegment("Other", "at_risk", "frequency >= 2");
        long otherV2 = revise(browser, other, "Other", "frequency >= 1");
        long alone = tacticalSegment("Alone", "at_risk", "frequency >= 2");

        // a base from before changeset 540: no version knows its first; the changeset's update finds them from the trail
        jdbc.sql("update tactical_segments set original_id = null").update();
        String changeset = Files.readString(Path.of("../adapters-persistence/src/main/resources/db/changelog/540-tactical-segment-versions.sql"));
        String backfill = changeset.substring(changeset.indexOf("with recursive revised"));
        jdbc.sql(backfill.substring(0, backfill.lastIndexOf(';'))).update();

        assertThat(jdbc.sql("select tactical_id, original_id from tactical_segments where tactical_id = any(?) order by tactical_id")
                .param(new Long[] {first, second, third, other, otherV2, alone})
                .query((rs, n) -> rs.getLong(1) + ":" + rs.getObject(2)).list())
                .containsExactly(first + ":null", second + ":" + first, third + ":" + first, other + ":null", otherV2 + ":" + other, alone + ":null");
    }

    @Test
    void theTacticalSegmentApiAnswersAsBeforeAndGoesOnPastItsFirstThousand() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        List<Long> all = new ArrayList<>(firstVersions(1003, "Api "));
        all.add(laterVersion(all.get(2), "Api 3 v2"));
        all.add(tacticalSegment("Made by the API", "at_risk", "frequency >= 3"));
        assertThat(all).isSorted().hasSize(1005);

        // today's call: every version in id order, the first 1000, as before; now with where the rest is
        HttpResponse<String> first = get("/api/v1/tactical-segments");
        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 1000));
        assertThat(json(first).get(2).get("status").asString()).isEqualTo("ARCHIVED");
        assertThat(next(first)).isEqualTo("/api/v1/tactical-segments?before=" + all.get(999));
        HttpResponse<String> rest = get(next(first));
        assertThat(ids(rest)).containsExactlyElementsOf(all.subList(1000, 1005));
        assertThat(rest.headers().firstValue("Link")).isEmpty();
        assertThat(walk("/api/v1/tactical-segments?limit=97", 97)).containsExactlyElementsOf(all);
        assertThat(next(get("/api/v1/tactical-segments?limit=2"))).isEqualTo("/api/v1/tactical-segments?limit=2&before=" + all.get(1));

        for (String bad : List.of("abc", "0", "-4", "1.5")) {
            HttpResponse<String> refused = get("/api/v1/tactical-segments?before=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).get("detail").asString())
                    .startsWith("before must be the id of a tactical segment (a whole number from 1); got '" + bad + "'");
        }
    }

    /** An always-on campaign with 45 cohorts written by SQL (below) and the runs of its cohorts, oldest first. */
    private record AlwaysOnHistory(long campaign, List<Long> cohortRuns) {
    }

    private AlwaysOnHistory alwaysOnHistory() throws Exception {
        handMadeBase();
        long segmentation = activeRfmClassic();
        run("2024-06-30");
        // a baseline and 45 runs after it, each forming a cohort of one customer: w01–w20, b01–b20, c01–c05 in turn;
        // odd cohorts treated, even ones in the control group; all formed on 2024-06-01 with a 30-day window
        List<Long> runs = jdbc.sql("""
                        insert into segmentation_runs (segmentation_id, as_of, status, started_at, finished_at, customers, followed_up_at)
                        select ?, date '2024-05-01' + i, 'COMPLETED', now(), now(), 50, now() from generate_series(0, 45) i order by i
                        returning run_id""").param(segmentation).query(Long.class).list().stream().sorted().toList();
        long campaign = jdbc.sql("""
                        insert into campaigns (name, objective, target_segment, control_percent, attribution_days, state, created_at,
                                               scheduled_at, launched_at, run_id, audience_members, excluded_for_consent, treatment, control, capped)
                        values ('Always history', 'cohorts', 'at_risk', 50, 30, 'RUNNING', now(), now(), now(), ?, 45, 0, 23, 22, 0)
                        returning campaign_id""").param(runs.get(0)).query(Long.class).single();
        jdbc.sql("insert into campaign_actions (campaign_id, position, channel, content) values (?, 0, 'EMAIL', 'template:always')")
                .param(campaign).update();
        jdbc.sql("insert into always_on_campaigns (campaign_id, state, baseline_run_id, started_at, changed_at) values (?, 'ACTIVE', ?, now(), now())")
                .params(campaign, runs.get(0)).update();
        List<String> members = new ArrayList<>(AT_RISK);
        IntStream.rangeClosed(1, 20).forEach(i -> members.add("b%02d".formatted(i)));
        IntStream.rangeClosed(1, 5).forEach(i -> members.add("c%02d".formatted(i)));
        for (int i = 1; i <= 45; i++) {
            boolean treated = i % 2 == 1;
            jdbc.sql("""
                            insert into always_on_cohorts (campaign_id, run_id, previous_run_id, as_of, formed_at, entered, excluded_for_consent,
                                                           capped, treatment, control)
                            values (?, ?, ?, date '2024-05-01' + ?, ?, 1, 0, 0, ?, ?)""")
                    .params(campaign, runs.get(i), runs.get(i - 1), i, Timestamp.from(Instant.parse("2024-06-01T00:00:00Z")),
                            treated ? 1 : 0, treated ? 0 : 1).update();
            jdbc.sql("""
                            insert into campaign_audience (campaign_id, customer_key, audience_group, action_position, cohort_run_id)
                            select ?, customer_key, ?, 0, ? from customers where customer_id = ?""")
                    .params(campaign, treated ? "TREATMENT" : "CONTROL", runs.get(i), members.get(i - 1)).update();
        }
        return new AlwaysOnHistory(campaign, runs.subList(1, 46));
    }

    @Test
    void anAlwaysOnCampaignsPageShowsItsNewestCohortsWithAnOlderLinkAndTotalsOverEveryCohort() throws Exception {
        AlwaysOnHistory history = alwaysOnHistory();
        long campaign = history.campaign();
        List<Long> cohortRuns = history.cohortRuns();
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);

        // Totals by hand, in the window [2024-06-01, 2024-07-01): w01–w20 ordered last in January (no conversion); each b
        // ordered 30 on 2024-06-20; each c 5 × 20 in June. Treated (odd): w01, w03 … w19 (10), b01, b03 … b19 (10, 300),
        // c01, c03, c05 (300): 13 of 23 converted, 56.5 %. Control (even): 10 w, 10 b (300), c02, c04 (200): 12 of 22, 54.5 %.
        // Every cohort but the newest has a later run (the next one): 44.
        String expectedTotal = "<tr class=\"total\"><td>Total</td><td></td><td>45</td><td>23</td><td>22</td><td>56.5% / 54.5%</td>";
        List<Long> walked = new ArrayList<>();
        String page = "/campaigns/" + campaign;
        List<String> shownLines = new ArrayList<>();
        int pages = 0;
        while (page != null) {
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            String html = flat(answer.body());
            String table = html.substring(html.indexOf("id=\"cohort-table\""), html.indexOf("</table>", html.indexOf("id=\"cohort-table\"")));
            List<Long> rows = matches(table, "<tr><td>(\\d+)</td>").stream().map(Long::parseLong).toList();
            assertThat(rows.size()).as(page).isBetween(1, 20);
            assertThat(rows).as("in run order on the page").isSorted();
            assertThat(matches(html, "<text [^>]*>run (\\d+)</text>").stream().map(Long::parseLong).toList()).as("the chart's bars")
                    .containsExactlyElementsOf(rows);
            walked.addAll(0, rows);
            assertThat(table).as(page).contains(expectedTotal);
            assertThat(html).contains("<span>44</span> cohorts that have a later run");
            shownLines.add(matches(html, "id=\"cohorts-shown\"[^>]*>([^<]+)</p>").get(0));
            List<String> older = matches(html, "id=\"cohorts-older\" rel=\"next\"\\s+href=\"([^\"]+)\"");
            page = older.isEmpty() ? null : older.get(0).replace("&amp;", "&");
            pages++;
            assertThat(pages).as("pages walked").isLessThanOrEqualTo(3);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactlyElementsOf(cohortRuns);
        assertThat(shownLines).containsExactly(
                "20 of 45 cohorts shown, the newest, in run order; the total is over all of them.",
                "20 of 45 cohorts shown, older ones, in run order; the total is over all of them.",
                "5 of 45 cohorts shown, older ones, in run order; the total is over all of them.");
        // the first page's cohorts are the newest 20, and its Older link starts before the oldest of them
        String firstPage = flat(browser.send(HttpRequest.newBuilder(uri("/campaigns/" + campaign)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(firstPage).containsPattern("href=\"/campaigns/" + campaign + "\\?cohortsBefore=" + cohortRuns.get(25) + "#always-on\"\\s*>Older cohorts ›</a>");

        HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri("/campaigns/" + campaign + "?cohortsBefore=x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("cohortsBefore must be the id of a run of one of this campaign&#39;s cohorts");
    }

    @Test
    void theApiViewOfAnAlwaysOnCampaignAnswersItsNewestCohortsAndLinksToTheOlderOnesWithTotalsOverEveryCohort() throws Exception {
        AlwaysOnHistory history = alwaysOnHistory();
        long campaign = history.campaign();
        List<Long> cohortRuns = history.cohortRuns();
        String view = "/api/v1/campaigns/" + campaign + "/always-on";

        // without a cursor: the newest 20 cohorts in run order, the fields as before, and the totals over all 45 (by hand, as
        // on the page: treated 23, of whom 13 converted for 600 (10 b at 30, c01, c03, c05 at 100); control 22, 12, 500
        // (10 b, c02, c04); every cohort but the newest has a later run)
        HttpResponse<String> newest = get(view);
        assertThat(newest.statusCode()).as(newest.body()).isEqualTo(200);
        JsonNode body = json(newest);
        assertThat(body.propertyNames()).containsExactly("campaignId", "name", "targetSegment", "tacticalSegmentId", "state", "allowed",
                "baselineRunId", "startedAt", "changedAt", "stopReason", "cohorts", "total", "cohortsWithLaterRun", "migration", "cohortCount");
        assertThat(runIds(body)).containsExactlyElementsOf(cohortRuns.subList(25, 45));
        assertThat(body.get("cohortCount").asLong()).isEqualTo(45);
        assertThat(body.get("cohortsWithLaterRun").asLong()).isEqualTo(44);
        assertTotals(body);
        JsonNode newestCohort = body.get("cohorts").get(19);
        assertThat(newestCohort.get("entered").asLong()).isEqualTo(1);
        assertThat(newestCohort.get("treatment").asLong()).isEqualTo(1);
        assertThat(newestCohort.get("laterRunId").isNull()).isTrue();
        assertThat(body.get("cohorts").get(18).get("laterRunId").asLong()).isEqualTo(cohortRuns.get(44));
        assertThat(next(newest)).isEqualTo(view + "?cohortsBefore=" + cohortRuns.get(25));

        // following the links reaches every cohort once: newest pages first, each in run order, the totals on every page;
        // 45 = 2 × 20 + 5 = 2 × 22 + 1 = 3 × 15
        for (int limit : List.of(20, 22, 15)) {
            List<Long> walked = new ArrayList<>();
            String page = limit == 20 ? view : view + "?cohortsLimit=" + limit;
            int pages = 0;
            while (page != null) {
                assertThat(++pages).as(page).isLessThanOrEqualTo(4);
                HttpResponse<String> answer = get(page);
                assertThat(answer.statusCode()).as(page).isEqualTo(200);
                List<Long> shown = runIds(json(answer));
                assertThat(shown).as(page).isSorted().hasSizeBetween(1, limit);
                assertTotals(json(answer));
                walked.addAll(0, shown);
                page = next(answer);
                if (page != null) {
                    assertThat(shown).as(page).hasSize(limit);
                }
            }
            assertThat(walked).as("cohortsLimit " + limit).containsExactlyElementsOf(cohortRuns);
        }

        // a change answers the same newest page, and where the older cohorts are
        HttpResponse<String> paused = post(view + "/pause", "application/json", "");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");
        assertThat(runIds(json(paused))).containsExactlyElementsOf(cohortRuns.subList(25, 45));
        assertThat(json(paused).get("cohortCount").asLong()).isEqualTo(45);
        assertThat(next(paused)).isEqualTo(view + "?cohortsBefore=" + cohortRuns.get(25));

        for (String bad : List.of("x", "0", "-1")) {
            HttpResponse<String> refused = get(view + "?cohortsBefore=" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).get("detail").asString()).startsWith("cohortsBefore must be the id of a run of one of this campaign's"
                    + " cohorts (a whole number from 1); got '" + bad + "'");
            assertThat(json(refused).get("parameter").asString()).isEqualTo("cohortsBefore");
        }
        for (String bad : List.of("0", "1001", "many")) {
            HttpResponse<String> refused = get(view + "?cohortsLimit=" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).get("detail").asString()).isEqualTo("cohortsLimit must be a whole number from 1 to 1000; got '" + bad
                    + "'; ask for 1 to 1000 items");
        }
    }

    private static List<Long> runIds(JsonNode view) {
        List<Long> runs = new ArrayList<>();
        view.get("cohorts").forEach(cohort -> runs.add(cohort.get("runId").asLong()));
        return runs;
    }

    /** The totals over all 45 cohorts of {@link #alwaysOnHistory()}, the same on every page. */
    private static void assertTotals(JsonNode view) {
        JsonNode treatment = view.get("total").get("treatment");
        JsonNode control = view.get("total").get("control");
        assertThat(List.of(treatment.get("customers").asLong(), treatment.get("converters").asLong(), control.get("customers").asLong(),
                control.get("converters").asLong())).containsExactly(23L, 13L, 22L, 12L);
        assertThat(treatment.get("revenue").decimalValue()).isEqualByComparingTo("600");
        assertThat(control.get("revenue").decimalValue()).isEqualByComparingTo("500");
        assertThat(view.get("cohortsWithLaterRun").asLong()).isEqualTo(44);
        assertThat(view.get("cohortCount").asLong()).isEqualTo(45);
        // the moves are over the 44 cohorts that have a later run: all but the newest, a treated one
        assertThat(view.get("migration").get("treatment").get("customers").asLong()).isEqualTo(22);
        assertThat(view.get("migration").get("control").get("customers").asLong()).isEqualTo(22);
    }

    @Test
    void theAuditPageWalksEveryMatchNewestFirstByTheLastEntryShownWithoutACount() throws Exception {
        emptyDatabase();
        // 250 entries of one actor at 125 moments, two at each (so the order is by time, then id), written oldest first;
        // entries of others between them; subjects no campaign can be ("h0"…), so other tests' counts of a campaign's
        // entries are not changed by them
        Instant start = Instant.parse("2025-02-01T08:00:00Z");
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Timestamp at = Timestamp.from(start.plusSeconds(60L * (i / 2)));
            written.add(jdbc.sql("""
                            insert into audit_events (occurred_at, actor, action, subject_type, subject_id, detail)
                            values (?, 'historian', 'CREATED', 'campaign', ?, 'entry ' || ?) returning id""")
                    .params(at, "h" + i, i).query(Long.class).single());
            jdbc.sql("insert into audit_events (occurred_at, actor, action, subject_type, subject_id) values (?, 'someone', 'CREATED', 'campaign', 'x')")
                    .param(at).update();
        }
        // newest first: later moments first, and of two at one moment the higher id first
        List<String> newestFirst = IntStream.range(0, 250).boxed()
                .sorted(Comparator.comparing((Integer i) -> i / 2).thenComparing(i -> written.get(i)).reversed())
                .map(i -> "historian created campaign h" + i + ": entry " + i + ".").toList();
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);

        List<String> walked = new ArrayList<>();
        List<String> says = new ArrayList<>();
        String page = "/admin/audit?actor=historian";
        int pages = 0;
        while (page != null) {
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            String html = flat(answer.body());
            walked.addAll(matches(html, "<span class=\"audit-sentence\">([^<]+)</span>"));
            says.add(matches(html, "id=\"audit-total\"[^>]*>([^<]+)</p>").get(0));
            List<String> older = matches(html, "id=\"audit-older\" rel=\"next\" href=\"([^\"]+)\"");
            page = older.isEmpty() ? null : older.get(0).replace("&amp;", "&");
            if (page != null) {
                assertThat(page).startsWith("/admin/audit?actor=historian&").contains("before=");
            }
            pages++;
            assertThat(pages).as("pages walked").isLessThanOrEqualTo(3);
        }
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        assertThat(says).containsExactly("Newest entries first, 100 at a time; more match.", "Older entries first, 100 at a time; more match.",
                "Older entries first, 100 at a time; that is all that match.");

        // the export has every match, newest first, across its pages of 500 (the filter by actor on 250 + 1,100 by another)
        for (int i = 0; i < 1100; i++) {
            jdbc.sql("insert into audit_events (occurred_at, actor, action, subject_type, subject_id, detail) values (?, 'historian', 'RAN', 'segmentation_run', ?, 'bulk')")
                    .params(Timestamp.from(start.minusSeconds(3600L + i)), "b" + i).update();
        }
        HttpResponse<String> csv = browser.send(HttpRequest.newBuilder(uri("/admin/audit.csv?actor=historian")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().skip(1).toList();
        assertThat(lines).hasSize(1350);
        assertThat(lines.subList(0, 250)).extracting(line -> line.split(",")[5]).containsExactlyElementsOf(newestFirst);
        assertThat(lines.subList(250, 1350)).extracting(line -> line.split(",")[4])
                .containsExactlyElementsOf(IntStream.range(0, 1100).mapToObj(i -> "b" + i).toList());

        HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri("/admin/audit?before=-3")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("before must be the id of an audit entry (a whole number from 1); got &#39;-3&#39;");
    }

    /** Saves a new version through the console's form, as a planner does: the new version's id, from where it leads. */
    private long revise(HttpClient browser, long id, String name, String rule) throws IOException, InterruptedException {
        String page = browser.send(HttpRequest.newBuilder(uri("/tactical-segments/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&hypothesis=&rule=" + URLEncoder.encode(rule, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> saved = browser.send(HttpRequest.newBuilder(uri("/tactical-segments/" + id + "/revise"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String location = saved.headers().firstValue("Location").orElseThrow();
        long revised = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(revised).isGreaterThan(id);
        return revised;
    }

    private List<Long> walk(String first, int limit) throws Exception {
        List<Long> walked = new ArrayList<>();
        String page = first;
        while (page != null) {
            assertThat(walked.size()).as("items walked before " + page).isLessThan(PAGES_BOUND * limit);
            HttpResponse<String> answer = get(page);
            List<Long> ids = ids(answer);
            assertThat(ids.size()).as(page).isBetween(1, limit);
            walked.addAll(ids);
            page = next(answer);
            if (page != null) {
                assertThat(ids).as(page).hasSize(limit);
                assertThat(page).contains("limit=" + limit);
            }
        }
        return walked;
    }

    private static List<Long> ids(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json(answer).forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** The page without the white space between its tags, so a row reads as one line. */
    private static String flat(String html) {
        return html.replaceAll(">\\s+<", "><");
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
