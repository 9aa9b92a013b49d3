package io.strata.bootstrap.segmentation;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.SteerableClock;
import io.strata.bootstrap.SteerableRuns;
import io.strata.domain.schedule.PlannedRun;
import io.strata.domain.schedule.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in flight are bounded: one RUNNING run in the whole database (docs/segmentation.md, "One run at a time"). While
 * a run is held in the middle of its work (after its assignment, its claim and transaction taken: {@link SteerableRuns}),
 * eight API requests for a run at once, the console's Run button and the look at the clock each meet it: the requests are
 * answered 409 in words with Retry-After and where to look, none starts a run, the pool keeps connections for pages, and
 * the scheduled run stays owed and starts at the first look after the held run ended.
 */
class RunsInFlightTest extends EndToEndTest {

    private static final String RUN_AS_OF = "{\"asOf\":\"2024-06-30\"}";

    @Autowired
    private SteerableRuns held;

    @Autowired
    private RunDueWork dueWork;

    @Autowired
    private SteerableClock clock;

    @Autowired
    private DataSource dataSource;

    private long segmentation;

    @BeforeEach
    void base() throws Exception {
        segmentation = twoBuyersAndAnActiveSegmentation();
    }

    @Test
    void whileOneRunIsUnderWayEveryOtherRequestIsAnswered409WithRetryAfterAndTheScheduledRunWaitsForTheNextLook() throws Exception {
        // hourly; the clock moved past the next full hour, so a run is owed at the look below
        HttpResponse<String> schedule = send(HttpRequest.newBuilder(uri("/api/v1/segmentations/" + segmentation + "/schedule"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cron\": \"0 * * * *\", \"timeZone\": \"UTC\"}")).build());
        assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(200);
        Instant plannedAt = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        HttpClient console = loggedInAsAdmin("http://localhost:" + port);

        held.hold();
        CompletableFuture<HttpResponse<String>> first;
        long running;
        try {
            first = http.sendAsync(postRequest("/api/v1/segmentation-runs?wait=true", "application/json", RUN_AS_OF),
                    HttpResponse.BodyHandlers.ofString());
            held.awaitHeld();
            running = jdbc.sql("select run_id from segmentation_runs where status = 'RUNNING'").query(Long.class).single();

            List<CompletableFuture<HttpResponse<String>>> eight = IntStream.range(0, 8)
                    .mapToObj(i -> http.sendAsync(postRequest("/api/v1/segmentation-runs", "application/json", RUN_AS_OF),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            HttpResponse<String> fromConsole = console.send(HttpRequest.newBuilder(uri("/segmentation-runs"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("asOf=2024-06-30&_csrf=" + URLEncoder.encode(csrf(console), StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            DueWorkReport look = dueWork.runDueWork();
            HttpResponse<String> page = get("/api/v1/campaigns");
            int inUse = ((HikariDataSource) dataSource).getHikariPoolMXBean().getActiveConnections();

            for (CompletableFuture<HttpResponse<String>> asked : eight) {
                HttpResponse<String> refused = asked.get(1, TimeUnit.MINUTES);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(refused.body()).contains("\"title\":\"A run is in progress\"")
                        .contains("\"detail\":\"segmentation run " + running + " is still running; wait for it to finish, then start another\"")
                        .contains("\"runningRunId\":" + running)
                        .contains("\"fix\":\"GET /api/v1/segmentation-runs/" + running + " says when it has finished (status COMPLETED or FAILED);"
                                + " then POST /api/v1/segmentation-runs again\"");
            }
            assertThat(fromConsole.statusCode()).isEqualTo(302);
            assertThat(fromConsole.headers().firstValue("Location").orElseThrow()).endsWith("/segmentations");
            String overview = console.send(HttpRequest.newBuilder(uri("/segmentations")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(overview).contains("Segmentation run " + running + " is still running; wait for it to finish, then start another");

            assertThat(look.runsStarted()).isEmpty();
            assertThat(look.runsSkipped()).as("not skipped: it waits").isEmpty();
            assertThat(look.runsWaiting()).containsExactly(new PlannedRun(Trigger.CRON, plannedAt));
            assertThat(jdbc.sql("select count(*) from schedule_firings").query(Long.class).single()).as("nothing recorded while it waits").isZero();
            assertThat(jdbc.sql("select count(*) from segmentation_runs").query(Long.class).single()).as("only the held run").isEqualTo(1);
            assertThat(page.statusCode()).as("a page meanwhile").isEqualTo(200);
            assertThat(inUse).as("connections in use with the run held and ten requests refused, of the pool's ten").isLessThanOrEqualTo(4);
        } finally {
            held.letGo();
        }

        HttpResponse<String> completed = first.get(1, TimeUnit.MINUTES);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(number(completed.body(), "runId")).isEqualTo(running);
        assertThat(completed.body()).contains("\"status\":\"COMPLETED\"");

        // the held run's follow-ups first, so that the completion awaited below is the scheduled run's
        awaitRunFollowUps();
        held.expectCompletion();
        DueWorkReport next = dueWork.runDueWork();

        assertThat(next.runsWaiting()).isEmpty();
        assertThat(next.runsStarted()).hasSize(1);
        long scheduled = next.runsStarted().get(0);
        assertThat(scheduled).isGreaterThan(running);
        assertThat(jdbc.sql("select trigger || ' ' || run_id from schedule_firings where planned_at = ?")
                .param(java.sql.Timestamp.from(plannedAt)).query(String.class).list()).containsExactly("CRON " + scheduled);
        held.awaitCompleted();
        awaitRunFollowUps();
        assertThat(get("/api/v1/segmentation-runs/" + scheduled).body()).contains("\"status\":\"COMPLETED\"");
    }

    private String csrf(HttpClient console) throws Exception {
        String page = console.send(HttpRequest.newBuilder(uri("/segmentations")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page);
        assertThat(token.find()).as(page).isTrue();
        return token.group(1) != null ? token.group(1) : token.group(2);
    }
}
