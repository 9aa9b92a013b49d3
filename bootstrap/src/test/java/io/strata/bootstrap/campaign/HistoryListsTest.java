package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.bootstrap.campaign.NextLink.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists after years of history (session 51): campaigns, runs and imports are listed a page at a time, newest first, by
 * a cursor ({@code before=<id>}) and a {@code Link: <...>; rel="next"} header; following the links from the first page
 * walks every item exactly once, in order, beyond the largest page (1000) too. The oracle is the ids this test wrote:
 * the history rows are written by SQL (a thousand campaigns through the API would take the suite minutes), the lists
 * read through the API and the console. The console's lists show the newest ones with an "Older" link that works
 * without JavaScript; the segment page names only its segment's newest campaigns.
 */
class HistoryListsTest extends CampaignTestSupport {

    /** More pages than any walk here needs (1031 campaigns by 97: 11 pages; 1005 runs by 64: 16): a loop is cut there. */
    private static final int PAGES_BOUND = 40;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    /** Campaigns written by SQL, oldest first: their ids, oldest first. Every third targets at_risk, the others champions. */
    private List<Long> historyCampaigns(int count) {
        List<Long> ids = jdbc.sql("""
                        insert into campaigns (name, target_segment, control_percent, attribution_days, state)
                        select 'History ' || i, case when i % 3 = 0 then 'at_risk' else 'champions' end, 10, 30, 'DRAFT'
                        from generate_series(1, ?) i order by i returning campaign_id""")
                .param(count).query(Long.class).list();
        jdbc.sql("""
                        insert into campaign_actions (campaign_id, position, channel, content)
                        select campaign_id, 0, 'EMAIL', 'template:history' from campaigns where campaign_id = any(?)""")
                .param(ids.toArray(Long[]::new)).update();
        return ids.stream().sorted().toList();
    }

    @Test
    void theCampaignListWalksEveryCampaignOnceNewestFirstPastTheLargestPage() throws Exception {
        List<Long> created = new ArrayList<>(historyCampaigns(1030));
        long apiCampaign = createCampaign(winBack("10"));
        created.add(apiCampaign);
        List<Long> newestFirst = created.stream().sorted(Comparator.reverseOrder()).toList();

        // today's call (no cursor): the newest 1000, as before, and now where the rest is
        HttpResponse<String> first = get("/api/v1/campaigns");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ids(first, "id")).containsExactlyElementsOf(newestFirst.subList(0, 1000));
        assertThat(next(first)).isEqualTo("/api/v1/campaigns?before=" + newestFirst.get(999));
        HttpResponse<String> rest = get(next(first));
        assertThat(ids(rest, "id")).containsExactlyElementsOf(newestFirst.subList(1000, 1031));
        assertThat(rest.headers().firstValue("Link")).isEmpty();

        // small pages: the limit is kept in the links, and every campaign comes exactly once, in order
        List<Long> walked = walk("/api/v1/campaigns?limit=97", "id", 97);
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        assertThat(walk("/api/v1/campaigns?limit=1000", "id", 1000)).containsExactlyElementsOf(newestFirst);
        HttpResponse<String> one = get("/api/v1/campaigns?limit=1");
        HttpResponse<String> two = get(next(one));
        assertThat(List.of(ids(one, "id"), ids(two, "id"), ids(get(next(two)), "id")))
                .containsExactly(List.of(newestFirst.get(0)), List.of(newestFirst.get(1)), List.of(newestFirst.get(2)));
        assertThat(next(two)).isEqualTo("/api/v1/campaigns?limit=1&before=" + newestFirst.get(1));
    }

    @Test
    void theRunListWalksEveryRunOnceAndAnswersTheThousandItWasAskedFor() throws Exception {
        long segmentation = jdbc.sql("select segmentation_id from segmentations where status = 'ACTIVE'").query(Long.class).single();
        List<Long> runs = new ArrayList<>(jdbc.sql("""
                        insert into segmentation_runs (segmentation_id, as_of, status, started_at, finished_at, customers, followed_up_at)
                        select ?, date '2021-01-01' + i, 'COMPLETED', now(), now(), 50, now() from generate_series(1, 1004) i order by i
                        returning run_id""").param(segmentation).query(Long.class).list());
        runs.addAll(jdbc.sql("select run_id from segmentation_runs where run_id <> all(?)").param(runs.toArray(Long[]::new))
                .query(Long.class).list());
        List<Long> newestFirst = runs.stream().sorted(Comparator.reverseOrder()).toList();
        assertThat(newestFirst).hasSize(1005);

        HttpResponse<String> today = get("/api/v1/segmentation-runs");
        assertThat(ids(today, "runId")).containsExactlyElementsOf(newestFirst.subList(0, 20));
        assertThat(next(today)).isEqualTo("/api/v1/segmentation-runs?before=" + newestFirst.get(19));
        // a thousand asked, a thousand answered (it was 500: the service cut every read at 500 runs)
        HttpResponse<String> thousand = get("/api/v1/segmentation-runs?limit=1000");
        assertThat(ids(thousand, "runId")).containsExactlyElementsOf(newestFirst.subList(0, 1000));
        assertThat(walk("/api/v1/segmentation-runs?limit=1000", "runId", 1000)).containsExactlyElementsOf(newestFirst);
        assertThat(walk("/api/v1/segmentation-runs?limit=64", "runId", 64)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void theImportHistoryWalksEveryImportOnceEvenWhenSeveralStartedAtTheSameMoment() throws Exception {
        // 150 imports at 50 moments, three at each: the order is by start, then id, newest first
        Instant start = Instant.parse("2025-03-01T08:00:00Z");
        record Written(Instant startedAt, UUID id) {
        }
        List<Written> written = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            written.add(new Written(start.plusSeconds(60L * (i / 3)), UUID.randomUUID()));
        }
        Collections.shuffle(written, new java.util.Random(51));
        for (Written w : written) {
            jdbc.sql("""
                            insert into imports (import_id, entity, mode, status, requested_by, started_at, finished_at)
                            values (?, 'orders', 'strict', 'COMPLETED', 'history', ?, ?)""")
                    .params(w.id(), Timestamp.from(w.startedAt()), Timestamp.from(w.startedAt().plusSeconds(5))).update();
        }
        List<String> newestFirst = new ArrayList<>(written.stream()
                .sorted(Comparator.comparing(Written::startedAt).thenComparing(w -> w.id().toString()).reversed()).map(w -> w.id().toString()).toList());
        // the base's two imports (customers, orders) started today, after the history
        List<String> base = jdbc.sql("select import_id::text from imports where requested_by is distinct from 'history' order by started_at desc, import_id desc")
                .query(String.class).list();
        newestFirst.addAll(0, base);

        HttpResponse<String> today = get("/api/v1/imports");
        assertThat(texts(today, "importId")).containsExactlyElementsOf(newestFirst.subList(0, 50));
        assertThat(next(today)).isEqualTo("/api/v1/imports?before=" + newestFirst.get(49));
        assertThat(walkTexts("/api/v1/imports?limit=7", 7)).containsExactlyElementsOf(newestFirst);
        assertThat(walkTexts("/api/v1/imports?limit=100", 100)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aCursorThatNamesNoPlaceInTheListIsRefusedInTheProductsWords() throws Exception {
        for (String list : List.of("/api/v1/campaigns", "/api/v1/segmentation-runs")) {
            for (String bad : List.of("abc", "0", "-4", "1.5", "99999999999999999999", "12;drop")) {
                HttpResponse<String> refused = get(list + "?before=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));
                assertThat(refused.statusCode()).as(list + " " + bad).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = json(refused);
                assertThat(problem.get("parameter").asString()).isEqualTo("before");
                assertThat(problem.get("detail").asString()).startsWith("before must be the id of a")
                        .contains("(a whole number from 1); got '" + bad + "'")
                        .endsWith("Leave it out for the newest items, or follow the Link header (rel=\"next\") of the page before");
            }
            // blank is no cursor: the newest page
            assertThat(get(list + "?before=").statusCode()).isEqualTo(200);
        }
        UUID unknown = UUID.fromString("00000000-0000-4000-8000-000000000051");
        HttpResponse<String> noSuchImport = get("/api/v1/imports?before=" + unknown);
        assertThat(noSuchImport.statusCode()).isEqualTo(400);
        assertThat(json(noSuchImport).get("detail").asString())
                .startsWith("before must be the id of an import in the history (no import has the id " + unknown + "); got '" + unknown + "'");
        HttpResponse<String> notAnId = get("/api/v1/imports?before=yesterday");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(json(notAnId).get("detail").asString()).startsWith("before must be the id of an import (a UUID such as");

        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        for (String page : List.of("/campaigns?before=abc", "/segmentations?before=-1", "/imports?before=" + unknown)) {
            HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(page).isEqualTo(400);
            assertThat(refused.body()).as(page).contains("This address does not name a place in the list: before must be the id of")
                    .contains("Open the list from the menu and follow its Older links instead.");
        }
    }

    @Test
    void theConsoleListsShowTheNewestAndOlderLinksReachEveryCampaignWithoutJavaScript() throws Exception {
        List<Long> newestFirst = historyCampaigns(120).stream().sorted(Comparator.reverseOrder()).toList();
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);

        List<Long> walked = new ArrayList<>();
        String page = "/campaigns";
        int pages = 0;
        while (page != null) {
            String html = browser.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            List<Long> shown = matches(html.substring(html.indexOf("id=\"campaign-table\""), html.indexOf("</table>", html.indexOf("id=\"campaign-table\""))),
                    "href=\"/campaigns/(\\d+)\"").stream().map(Long::parseLong).toList();
            assertThat(shown.size()).isLessThanOrEqualTo(50);
            walked.addAll(shown);
            List<String> older = matches(html, "id=\"campaigns-older\" rel=\"next\" href=\"([^\"]+)\"");
            page = older.isEmpty() ? null : older.get(0).replace("&amp;", "&");
            pages++;
            assertThat(pages).as("pages walked").isLessThanOrEqualTo(3);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactlyElementsOf(newestFirst);

        // the segment page names its segment's newest ten and links to the rest; the list filtered by it has them all
        List<Long> atRisk = jdbc.sql("select campaign_id from campaigns where target_segment = 'at_risk' order by campaign_id desc")
                .query(Long.class).list();
        assertThat(atRisk).hasSize(40);
        String segment = browser.send(HttpRequest.newBuilder(uri("/segments/at_risk")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(matches(segment, "id=\"segment-campaign-(\\d+)\"").stream().map(Long::parseLong).toList())
                .containsExactlyElementsOf(atRisk.subList(0, 10));
        assertThat(segment).contains("href=\"/campaigns?segment=at_risk\">Older campaigns targeting this segment ›</a>");
        String filtered = browser.send(HttpRequest.newBuilder(uri("/campaigns?segment=at_risk")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(matches(filtered, "<td><a href=\"/campaigns/(\\d+)\"").stream().map(Long::parseLong).toList()).containsExactlyElementsOf(atRisk);
        assertThat(filtered).contains("Only the campaigns targeting At risk.").doesNotContain("id=\"campaigns-older\"");

        // the action plan names each segment's newest ten and how many there are
        JsonNode plan = json(get("/api/v1/action-plan"));
        for (JsonNode s : plan.get("segments")) {
            if (s.get("key").asString().equals("at_risk")) {
                assertThat(s.get("campaignCount").asLong()).isEqualTo(40);
                List<Long> named = new ArrayList<>();
                s.get("campaigns").forEach(c -> named.add(c.get("id").asLong()));
                assertThat(named).containsExactlyElementsOf(atRisk.subList(0, 10));
            }
        }
    }

    /** Follows the Link headers from {@code first} to the end: every page at most {@code limit} items, the last without a link. */
    private List<Long> walk(String first, String idField, int limit) throws Exception {
        List<Long> walked = new ArrayList<>();
        String page = first;
        while (page != null) {
            // a link that leads back to a page already seen would walk forever: a failure, not a wait
            assertThat(walked.size()).as("items walked before " + page).isLessThan(PAGES_BOUND * limit);
            HttpResponse<String> answer = get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            List<Long> ids = ids(answer, idField);
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

    private List<String> walkTexts(String first, int limit) throws Exception {
        List<String> walked = new ArrayList<>();
        String page = first;
        while (page != null) {
            assertThat(walked.size()).as("items walked before " + page).isLessThan(PAGES_BOUND * limit);
            HttpResponse<String> answer = get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            List<String> ids = texts(answer, "importId");
            assertThat(ids.size()).as(page).isBetween(1, limit);
            walked.addAll(ids);
            page = next(answer);
        }
        return walked;
    }

    private static List<Long> ids(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json(answer).forEach(item -> ids.add(item.get(field).asLong()));
        return ids;
    }

    private static List<String> texts(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(answer).forEach(item -> ids.add(item.get(field).asString()));
        return ids;
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
