package io.strata.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole application on a random port with a real embedded PostgreSQL. Every subclass shares one context and
 * so one database per test JVM; tests that need an empty base call {@link #emptyDatabase()}.
 */
@SpringBootTest(classes = StrataApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestHooks.class)
public abstract class EndToEndTest {

    public static final String TOKEN = "test-token-for-the-e2e-suite";
    public static final String ADMIN_PASSWORD = "quiet harbour lantern 41";
    public static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Path DATA_DIR = Path.of("target", "e2e-db-" + ProcessHandle.current().pid());

    @DynamicPropertySource
    static void strataProperties(DynamicPropertyRegistry registry) {
        registry.add("strata.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        // a throw-away cluster: commits need not wait for the disk (the benchmarks' setting; durability is
        // EmbeddedPostgresServerTest's business)
        registry.add("strata.benchmark.no-fsync", () -> "true");
        registry.add("strata.api-token", () -> TOKEN);
        registry.add("strata.admin-password", () -> ADMIN_PASSWORD);
        // webhook tests: the Standard Webhooks specification's example secret, and attempts bounded to 1 + 2 s
        registry.add("strata.dispatch.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("strata.dispatch.webhook-connect-timeout", () -> "PT1S");
        registry.add("strata.dispatch.webhook-read-timeout", () -> "PT2S");
        // a request that finds every connection taken is answered "busy" after 5 s rather than Hikari's 30 s, so
        // PoolTimeoutAnswerTest shows that answer quickly; the suite otherwise never waits that long for a connection
        registry.add("strata.db.connection-timeout", () -> "5s");
        // schedules: tests look at the clock themselves (RunDueWork), so db-scheduler's beat never fires during the suite
        // after its first look at the start (afterTheSuitesFirstLook)
        registry.add("strata.schedules.check-every", () -> "PT24H");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private SteerableClock clock;

    /**
     * Every test starts on the system's time. The clock is the context's, so shared by every test of the JVM, and a
     * test that moved it by a second (a progress interval) once left it there: a campaign launched by the next browser
     * test was stamped a second after the orders its test then placed "after the launch", which therefore did not
     * count (docs/testing.md, "The suite's clock").
     */
    @BeforeEach
    void startOnTheSystemsTime() {
        clock.reset();
    }

    @Autowired
    private io.strata.bootstrap.outage.OutageTraces outageTraces;

    /** The suite context's log filter of the traces of a database out of reach, for {@link #theSuitesLogFilterInPlace()}. */
    private static volatile io.strata.bootstrap.outage.OutageTraces suiteOutageTraces;

    /**
     * Every test starts with the suite's {@code OutageTraces} in Logback. A second node closed in the JVM
     * ({@link OtherNode}, or any context a test starts and closes) marks Spring Boot's logging as not set up, and the next
     * context started then sets it up again with Logback's reset, which takes every filter out of the log, the suite
     * context's among them, for the rest of the JVM: the traces it keeps out came back (a cut download's connection, 57P01,
     * logged by Hikari with 40 lines of trace), and the tests that read the log failed after such tests only
     * (docs/testing.md, "A log filter another context's start took away").
     */
    @BeforeEach
    void withTheSuitesLogFilter() {
        suiteOutageTraces = outageTraces;
        theSuitesLogFilterInPlace();
    }

    /** Puts the suite's log filter back if a context started since took it away (also called by {@link OtherNode}). */
    static void theSuitesLogFilterInPlace() {
        io.strata.bootstrap.outage.OutageTraces filter = suiteOutageTraces;
        if (filter != null && org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback
                && !logback.getTurboFilterList().contains(filter)) {
            filter.start();
            logback.addTurboFilter(filter);
        }
    }

    /** Whether this JVM's suite context has done its first look at the clock (below); once per JVM, as the context is. */
    private static volatile boolean firstLookDone;

    /**
     * Waits, once per test JVM, until the suite's own first look at the clock is over. db-scheduler creates the look's
     * execution due at once when the context starts (a fixed delay's first execution is "now") and only then 24 hours
     * ahead, so the suite's node looks once, on its own thread, right after the start. On a loaded machine that look still
     * ran while the JVM's first test set up an owed schedule, and started the owed run itself: the test's own look found
     * nothing owed (CI, session 60's stop: ScheduledRunCutAtStopTest's node started no run). The oracle of "over" is
     * db-scheduler's table: the execution not picked and due a day ahead.
     */
    @BeforeEach
    void afterTheSuitesFirstLook() {
        if (firstLookDone) {
            return;
        }
        org.awaitility.Awaitility.await("the suite's first look at the clock, done at its start")
                .atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name = 'strata-due-work' and not picked"
                        + " and execution_time > now() + interval '1 hour'").query(Long.class).single() == 1);
        // the start's read-ahead of the previews' pages too (PreviewPagesAtStart), which waits for a lock a test holds
        awaitNoReadAhead();
        firstLookDone = true;
    }

    /**
     * Waits until no read-ahead of the previews' pages is under way in this JVM: the start and every run's statement
     * begin one on a thread of their own ({@code PreviewPagesReadAhead}), which reads {@code customers} and
     * {@code orders_customer_idx} under an ACCESS SHARE lock on a connection of its own. A test that locks one of them and
     * then counts (or ends) the sessions waiting for that lock would otherwise count it too, as long as it has not begun,
     * which on a loaded machine can be a while after the run that started it (docs/testing.md, "A read-ahead waiting
     * for a test's lock").
     */
    protected static void awaitNoReadAhead() {
        org.awaitility.Awaitility.await("the previews' read-ahead begun at the start or after a run's statement")
                .atMost(java.time.Duration.ofMinutes(1))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("preview-read-ahead") && t.isAlive()));
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(postRequest(path, contentType, body));
    }

    /** The request {@link #post} sends, for a test that sends it later or beside other work (http.sendAsync). */
    protected HttpRequest postRequest(String path, String contentType, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    protected HttpResponse<String> postBytes(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    protected HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A browser (cookies kept, redirects not followed) logged in to the console at {@code base} ("http://localhost:port":
     * this node's, or another's) as admin, through the login form and its CSRF token.
     */
    protected HttpClient loggedInAsAdmin(String base) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(loginPage);
        org.assertj.core.api.Assertions.assertThat(csrf.find()).as(loginPage).isTrue();
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        String form = "username=admin&password=" + java.net.URLEncoder.encode(ADMIN_PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(login.statusCode()).as("login at %s", base).isEqualTo(302);
        return browser;
    }

    /**
     * Waits (at most a minute, polling) until the work after every completed run is done: a run answers its waiting
     * caller once COMPLETED, and its migrations and measurements follow on their own worker (issues 18, 19). A test that reads
     * what they store (dashboard heat map, programme panel, trends, a campaign page's results) waits for them here.
     */
    protected void awaitRunFollowUps() {
        org.awaitility.Awaitility.await("the follow-ups of every completed run")
                .atMost(java.time.Duration.ofMinutes(1))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> jdbc.sql("select count(*) from segmentation_runs where status = 'COMPLETED' and followed_up_at is null")
                        .query(Long.class).single() == 0);
    }

    /**
     * Waits until no other transaction holds a snapshot: one older than a commit keeps that commit's rows from being
     * visible to all, so no VACUUM may put their pages in the visibility map until it ends (at start, the predictions'
     * warm-up holds one). For tests of what a vacuum leaves in the map.
     */
    protected void awaitNoOtherSnapshot() {
        org.awaitility.Awaitility.await("no other transaction open")
                .atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> jdbc.sql("select count(*) from pg_stat_activity where pid <> pg_backend_pid() and backend_xmin is not null")
                        .query(Long.class).single() == 0);
    }

    /** Polls until {@code count} sessions wait for a lock; a minute without them is a failure, not a wait for luck. */
    protected void awaitSessionsWaitingForLocks(int count) throws InterruptedException {
        awaitSessionsWaitingForLocks(jdbc.sql("select current_database()").query(String.class).single(), count);
    }

    /** The same in another database of the suite's server (a test's nodes on a database of their own). */
    protected void awaitSessionsWaitingForLocks(String database, int count) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofMinutes(1));
        long waiting = 0;
        while (java.time.Instant.now().isBefore(deadline)) {
            waiting = jdbc.sql("select count(*) from pg_stat_activity where datname = ? and wait_event_type = 'Lock'")
                    .param(database).query(Long.class).single();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("only " + waiting + " of " + count + " sessions waited for a lock within a minute");
    }

    /** A run through the API with {@code ?wait=true}, then its follow-ups: what the pages show of it is there. */
    protected HttpResponse<String> runAndAwaitFollowUps(String body) throws IOException, InterruptedException {
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", body);
        awaitRunFollowUps();
        return run;
    }

    /**
     * An empty base but two buyers' orders (June 2024) and an active frequency-tiers segmentation: the least a run needs,
     * for tests of how runs are carried out rather than what they compute. The segmentation's id.
     */
    protected long twoBuyersAndAnActiveSegmentation() throws IOException, InterruptedException {
        emptyDatabase();
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,m1,2024-06-01,10
                b1,m2,2024-06-01,10
                """);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long segmentation = io.strata.bootstrap.segmentation.SegmentationApiTest.number(created.body(), "id");
        HttpResponse<String> activated = post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");
        org.assertj.core.api.Assertions.assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        return segmentation;
    }

    /** Removes every customer, order, event and import, keeping users and tokens. */
    protected void emptyDatabase() {
        // a previous test's run may still be followed up on the worker; it must not write into this test's data
        awaitRunFollowUps();
        jdbc.sql(io.strata.adapters.persistence.testing.TestDatabase.DROP_RUN_PARTITIONS).update();
        jdbc.sql("truncate table run_segments, run_assignments, segmentation_runs, segmentations, events, order_lines, orders, customers, "
                + "customer_purchase_facts, order_category_bits, attribute_catalogue, event_property_catalogue, imports cascade").update();
        jdbc.sql("update purchase_facts_horizon set latest_ordered_at = null").update();
        // tests start without a global holdout (its default is 5 %), so hand-computed audiences keep every member;
        // the holdout's own tests set one
        jdbc.sql("update global_holdout set share_percent = 0, threshold = 0, draw = 1, baseline_run_id = null").update();
        // delivery settings outlive customers: a cap or a channel's default destination left by one test would change the next one's launches
        jdbc.sql("truncate table frequency_caps, destination_channels, delivery_destinations cascade").update();
    }

    static {
        try {
            if (Files.exists(DATA_DIR)) {
                try (var paths = Files.walk(DATA_DIR)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
