package io.strata.bootstrap.download;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.web.download.DownloadSlots;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.OtherNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A download holds a pooled connection from its first row to its last, however slowly its client reads, so a node caps
 * the downloads under way at once ({@code strata.downloads.at-once}; unset, half the pool but at most the pool less 4:
 * 2 of a pool of 6) and keeps the rest of the pool for pages, API calls, imports and runs (docs/architecture.md,
 * "Downloads at once"). On a node with the least pool (4 connections, a 10 s wait for one) four clients started a run's
 * assignments (7 MB, more than the sockets' buffers) and stopped reading: without the cap (before session 61) all four
 * were answered 200 and held the four connections, and the API call and the console page below waited the pool's 10 s
 * and were answered 503. Here a node with a pool of 6 (cap 2) is sent the same four: the third and fourth are refused before their first byte, in words, 503 with Retry-After; the API call and the page
 * answer 200 at once; every download path of the API and the console (all the handlers that answer a streamed body,
 * listed from the node's own mappings) is refused the same way; and a slot is free again once its download ended
 * whichever way: written whole, cut by its client, failed on the database.
 */
class DownloadsAtOnceTest extends EndToEndTest {

    private static final String REFUSED = "2 downloads are under way on this node, as many as it runs at once, so that pages, API calls and "
            + "imports keep database connections of their own; this one was not started. Try again shortly: in 10 seconds, or once one of "
            + "them has finished.";
    private static final String FIX = "Send the request again after Retry-After (10 seconds). If this keeps happening, an administrator can let "
            + "more downloads run at once with strata.downloads.at-once (STRATA_DOWNLOADS_AT_ONCE), together with more connections "
            + "(strata.db.pool-size)";
    /** Words of Java, Spring and the database that must never reach a reader. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|Hikari|SQL|at io\\.|at org\\.|Whitelabel|\"trace\"");
    /** An answer "at once": well under the node's 10 s wait for a connection, which a request finding the pool taken waits. */
    private static final Duration PROMPTLY = Duration.ofSeconds(6);

    @Autowired
    private HikariDataSource dataSource;

    @Test
    @Timeout(300)
    void downloadsBeyondTheCapAreRefusedInWordsWhilePagesAndApiCallsAnswerAndEveryEndFreesItsSlot() throws Exception {
        emptyDatabase();
        long runId = RawDownload.aLargeRun(URI.create("http://localhost:" + port), TOKEN, jdbc);
        String assignments = "/api/v1/segmentation-runs/" + runId + "/assignments";
        try (OtherNode node = OtherNode.start(dataSource, "strata.db.pool-size=6", "strata.db.connection-timeout=10s", "strata.schedules.enabled=false",
                "strata.predictions.warm-up=false")) {
            assertThat(node.bean(DownloadSlots.class).atOnce()).as("the cap of a pool of 6").isEqualTo(2);
            String base = "http://localhost:" + node.port();
            HttpClient browser = loggedInAsAdmin(base);
            // downloads the handler refuses before their body (a campaign that does not exist) give their slots back:
            // three of them on a cap of two, and the two downloads below still find theirs
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns/999999/deliveries"))
                        .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/x-ndjson").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
            }
            // each gives its slot back after its answer is written (afterCompletion), which a client on a loaded machine may
            // outrun: the downloads below start once all three are back (session 61's review)
            org.awaitility.Awaitility.await("the refused downloads' slots back").atMost(Duration.ofSeconds(30))
                    .until(() -> node.bean(DownloadSlots.class).underWay() == 0);
            // the node's first page and API call (templates compiled, code warmed) before the timed ones below
            assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/campaigns")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            List<RawDownload> open = new ArrayList<>();
            try {
                // as many clients as the pool has connections start the file and stop reading
                for (int i = 0; i < 4; i++) {
                    open.add(RawDownload.start(node.port(), assignments, TOKEN));
                }
                for (RawDownload started : open) {
                    if (started.status() == 200) {
                        started.readAtLeast(16 * 1024);
                    }
                }
                // the node's other work: answered at once, not after the pool's 10 s wait
                long before = System.nanoTime();
                HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns"))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                Duration callTook = Duration.ofNanos(System.nanoTime() - before);
                before = System.nanoTime();
                HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/campaigns")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Duration pageTook = Duration.ofNanos(System.nanoTime() - before);
                System.err.println("downloads at once: heads " + open.stream().map(RawDownload::status).toList() + ", API call "
                        + call.statusCode() + " in " + callTook.toMillis() + " ms, page " + page.statusCode() + " in " + pageTook.toMillis() + " ms");
                assertThat(call.statusCode()).as("an API call with four downloads started: %s", call.body()).isEqualTo(200);
                assertThat(callTook).as("the API call's time").isLessThan(PROMPTLY);
                assertThat(page.statusCode()).as("a console page with four downloads started").isEqualTo(200);
                assertThat(pageTook).as("the page's time").isLessThan(PROMPTLY);

                assertThat(open.stream().map(RawDownload::status).toList()).as("the four downloads' answers").containsExactly(200, 200, 503, 503);
                for (RawDownload refused : open.subList(2, 4)) {
                    assertThat(refused.head).containsIgnoringCase("Content-Type: application/problem+json").containsIgnoringCase("Retry-After: 10")
                            .doesNotContainIgnoringCase("Content-Disposition");
                    assertThat(refused.wholeBody()).isEqualTo("{\"detail\":\"" + REFUSED + "\",\"instance\":\"" + assignments + "\",\"status\":503,"
                            + "\"title\":\"Too many downloads at once\",\"downloadsUnderWay\":2,\"fix\":\"" + FIX + "\"}");
                    refused.close();
                }
                assertThat(node.bean(DownloadSlots.class).underWay()).isEqualTo(2);

                everyDownloadPathIsRefused(node, base, browser);

                // written whole: its slot is free again, and only its own
                RawDownload whole = open.get(0);
                whole.readRest();
                assertThat(whole.lastChunk).as("the first download's last chunk").isTrue();
                open.add(nextTaken(node.port(), assignments));
                assertRefused(node.port(), assignments, "after the whole file, a new download took its slot");

                // cut by its client: the server's next write fails, and the slot is free again
                open.get(1).close();
                open.add(nextTaken(node.port(), assignments));
                assertRefused(node.port(), assignments, "after the client's cut, a new download took its slot");

                // failed on the database: the two under way lose their sessions, are cut midway, and free both slots
                List<RawDownload> failing = open.subList(open.size() - 2, open.size());
                assertThat(jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where pid <> pg_backend_pid() "
                        + "and query like '%from run_assignments a join customers c%' and state in ('active', 'idle in transaction')")
                        .query(Long.class).single()).as("the sessions of the two downloads under way").isEqualTo(2);
                for (RawDownload cut : failing) {
                    cut.readRest();
                    assertThat(cut.lastChunk).as("a download whose session ended: no last chunk (%s)", cut.ending).isFalse();
                }
                open.add(nextTaken(node.port(), assignments));
                open.add(nextTaken(node.port(), assignments));
                assertRefused(node.port(), assignments, "after two failed downloads, two new ones took their slots");
            } finally {
                for (RawDownload download : open) {
                    download.close();
                }
            }
            Awaitility.await("every slot free once the clients are gone").atMost(Duration.ofSeconds(30))
                    .until(() -> node.bean(DownloadSlots.class).underWay() == 0);
        }
        Awaitility.await("no download's session left in its transaction").atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(DownloadStreamedTest.READING).query(Long.class).single() == 0);
    }

    /**
     * With the cap reached, each download of the API and the console is refused in words before anything else (an id
     * that names nothing is not even looked up): the API's with problem+json, the console's with a page. The paths are
     * checked against the node's own mappings: every handler that answers a streamed body is here.
     */
    private void everyDownloadPathIsRefused(OtherNode node, String base, HttpClient browser) throws Exception {
        Map<String, String> api = Map.of(
                "/api/v1/segmentation-runs/{runId}/assignments", "/api/v1/segmentation-runs/999999/assignments|text/csv",
                "/api/v1/segmentation-runs/{runId}/predictions/customers", "/api/v1/segmentation-runs/999999/predictions/customers|text/csv",
                "/api/v1/tactical-segments/{id}/customers", "/api/v1/tactical-segments/999999/customers|text/csv",
                "/api/v1/campaigns/{id}/audience/members", "/api/v1/campaigns/999999/audience/members|text/csv",
                "/api/v1/campaigns/{id}/deliveries", "/api/v1/campaigns/999999/deliveries|text/csv,/api/v1/campaigns/999999/deliveries|application/x-ndjson");
        Map<String, String> console = Map.of(
                "/admin/audit.csv", "/admin/audit.csv",
                "/segmentation-runs/{runId}/predictions.csv", "/segmentation-runs/999999/predictions.csv",
                "/segments/{key}/members.csv", "/segments/nothing/members.csv",
                "/tactical-segments/{id}/members.csv", "/tactical-segments/999999/members.csv",
                "/imports/{id}/errors.csv", "/imports/00000000-0000-0000-0000-000000000000/errors.csv",
                "/campaigns/{id}/results.csv", "/campaigns/999999/results.csv",
                "/campaigns/{id}/deliveries.csv", "/campaigns/999999/deliveries.csv",
                "/campaigns/{id}/deliveries.ndjson", "/campaigns/999999/deliveries.ndjson");
        Set<String> mapped = new TreeSet<>();
        int handlers = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : node.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().entrySet()) {
            if (DownloadSlots.answersADownload(mapping.getValue())) {
                mapped.addAll(mapping.getKey().getPatternValues());
                handlers++;
            }
        }
        Set<String> listed = new TreeSet<>(api.keySet());
        listed.addAll(console.keySet());
        assertThat(mapped).as("the node's download paths").isEqualTo(listed);
        assertThat(handlers).as("handlers that answer a download (the API's deliveries twice: CSV and NDJSON)").isEqualTo(14);

        for (String request : api.values().stream().flatMap(v -> List.of(v.split(",")).stream()).toList()) {
            String path = request.split("\\|")[0];
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                    .header("Accept", request.split("\\|")[1]).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("%s: %s", request, refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).as(request).hasValue("10");
            assertThat(refused.headers().firstValue("Content-Type")).as(request).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).as(request).contains("\"title\":\"Too many downloads at once\"").contains("\"detail\":\"" + REFUSED + "\"");
        }
        for (String path : console.values()) {
            HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("%s: %s", path, refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).as(path).hasValue("10");
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(refused.headers().firstValue("Content-Disposition")).as(path).isEmpty();
            assertThat(refused.body()).as(path).contains("<h1>Too many downloads at once</h1>")
                    .contains(REFUSED.replace("'", "&#39;")).doesNotContainPattern(INTERNALS);
        }
    }

    /** The next download answered 200 (its first bytes read, then paused): a slot came free, awaited with a bound. */
    private static RawDownload nextTaken(int port, String path) {
        RawDownload[] taken = new RawDownload[1];
        Awaitility.await("a free slot for " + path).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            RawDownload download = RawDownload.start(port, path, TOKEN);
            if (download.status() != 200) {
                download.close();
                return false;
            }
            download.readAtLeast(16 * 1024);
            taken[0] = download;
            return true;
        });
        return taken[0];
    }

    private static void assertRefused(int port, String path, String why) throws IOException {
        try (RawDownload refused = RawDownload.start(port, path, TOKEN)) {
            assertThat(refused.status()).as(why + ": the next one is refused").isEqualTo(503);
        }
    }
}
