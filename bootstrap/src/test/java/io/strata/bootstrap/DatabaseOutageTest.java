package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.busy.DatabaseUnavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database going away under a running application (docs/architecture.md, "When the database goes away"): every
 * answer is a 503 in the product's words, with when to try again, at once rather than after the pool's timeout, and
 * the application serves again once the database is back, without a restart. A session the server ends in the middle
 * of a request (an administrator's pg_terminate_backend, a server shutting down) is answered so too, never with a 500.
 */
class DatabaseOutageTest extends EndToEndTest {

    /** Words of Java, Spring, Hikari and PostgreSQL that must never reach a reader. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|Hikari|SQL|PSQL|terminating|administrator command|"
            + "I/O error|Connection refused|at io\\.|at org\\.|strata - |Internal Server Error");
    private static final String DETAIL_ON_A_PAGE = DatabaseUnavailable.DETAIL.replace("'", "&#39;");

    @Autowired
    private HikariDataSource dataSource;

    /**
     * A second node whose connections to PostgreSQL pass through a link the test cuts, with the pool's default timeout of
     * 30 s: without the fix each request below waited those 30 s (a console page 60 s, two connections) and was then
     * told that Strata was busy, every connection in use.
     */
    @Test
    @Timeout(300)
    void whileTheDatabaseCannotBeReachedEveryAnswerIsA503InWordsAtOnceAndItServesAgainWhenItIsBack() throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        try (CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
             ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                     "--server.port=0", "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + address.group(3),
                     "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.connection-timeout=30s",
                     "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                     "--strata.schedules.enabled=false", "--strata.predictions.warm-up=false")) {
            String base = "http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port");
            HttpClient browser = loggedInAsAdmin(base);
            assertThat(page(browser, base + "/campaigns").statusCode()).isEqualTo(200);

            link.cut();

            HttpResponse<String> api = timed(() -> send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build()));
            assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(api.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(api.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + DatabaseUnavailable.TITLE + "\",\"status\":503,"
                    + "\"detail\":\"" + DatabaseUnavailable.DETAIL + "\",\"instance\":\"/api/v1/campaigns\"}");
            assertThat(DatabaseUnavailable.DETAIL).isEqualTo("Strata cannot reach its database, or lost its connection to it: the "
                    + "database is stopped, restarting or refusing Strata's connections, so the request could not be completed. Send it "
                    + "again in 10 seconds; if this keeps happening, ask your administrator to check that Strata's database is running "
                    + "and accepts its connections (STRATA_DB_URL), and to look at Strata's log.");

            HttpResponse<String> created = timed(() -> send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segmentations"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Value\",\"template\":\"rfm-classic\"}")).build()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(503);
            assertThat(created.body()).contains(DatabaseUnavailable.DETAIL).doesNotContainPattern(INTERNALS);

            for (String path : new String[] {"/campaigns", "/", "/imports"}) {
                HttpResponse<String> console = timed(() -> page(browser, base + path));
                assertThat(console.statusCode()).as(path).isEqualTo(503);
                assertThat(console.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(console.body()).contains("<h1>Strata&#39;s database is unavailable</h1>").contains(DETAIL_ON_A_PAGE)
                        .doesNotContainPattern(INTERNALS);
            }
            HttpResponse<String> login = timed(() -> page(HttpClient.newHttpClient(), base + "/login"));
            assertThat(login.statusCode()).isEqualTo(503);
            assertThat(login.body()).contains(DETAIL_ON_A_PAGE).doesNotContainPattern(INTERNALS);
            HttpResponse<String> health = timed(() -> page(HttpClient.newHttpClient(), base + "/actuator/health"));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");

            link.restore();

            // the first request after it connects again itself, then waits for the pool's connection (Hikari retries every 5 s at most)
            HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(page(browser, base + "/campaigns").statusCode()).as("the session lives in PostgreSQL and survived").isEqualTo(200);
            loggedInAsAdmin(base);
        }
    }

    /**
     * The server takes no more of the node's connections (SQLState 53300: here the node's role at its connection limit, as
     * another client holding all of max_connections does it) after the node's sessions ended: without the fix every
     * request waited the pool's 30 s and was told that Strata was busy and should be given more connections. The node
     * works on a database of its own, owned by an ordinary role (superusers have no connection limit).
     */
    @Test
    @Timeout(300)
    void whileTheServerTakesNoMoreOfTheNodesConnectionsTheAnswerIsA503AtOnce() throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/.*").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        jdbc.sql("drop database if exists outage_limited with (force)").update();
        jdbc.sql("drop role if exists outage_limited").update();
        jdbc.sql("create role outage_limited login nosuperuser password 'outage-limited-password'").update();
        jdbc.sql("create database outage_limited owner outage_limited").update();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=jdbc:postgresql://" + address.group(1) + ":" + address.group(2) + "/outage_limited",
                "--strata.db.user=outage_limited", "--strata.db.password=outage-limited-password", "--strata.db.pool-size=4", "--strata.db.connection-timeout=30s",
                "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.schedules.enabled=false", "--strata.predictions.warm-up=false")) {
            URI campaigns = URI.create("http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port") + "/api/v1/campaigns");
            HttpRequest list = HttpRequest.newBuilder(campaigns).header("Authorization", "Bearer " + TOKEN).GET().build();
            assertThat(send(list).statusCode()).isEqualTo(200);

            jdbc.sql("alter role outage_limited connection limit 0").update();
            assertThat(jdbc.sql("select count(*) filter (where pg_terminate_backend(pid, 60000)) from pg_stat_activity where usename = 'outage_limited'")
                    .query(Long.class).single()).isPositive();
            // the pool finds its sessions ended. Left to itself, Hikari looks at a connection it hands out only if it was
            // last used more than 500 ms before, and hands out one used since as it is: on a quiet machine the request below
            // took the connection of the request above, failed on its ended session and was answered 503 by that other path
            // (a session the server ends mid-request), never asking the server for a connection; on a loaded one it met
            // the pool with no connection of its own. Evicted here, it is the latter every time
            node.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            assertThat(node.getBean(HikariDataSource.class).getHikariPoolMXBean().getTotalConnections()).isZero();

            HttpResponse<String> refused = timed(() -> send(list));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + DatabaseUnavailable.TITLE + "\",\"status\":503,"
                    + "\"detail\":\"" + DatabaseUnavailable.DETAIL + "\",\"instance\":\"/api/v1/campaigns\"}");

            jdbc.sql("alter role outage_limited connection limit -1").update();
            assertThat(send(list).statusCode()).as("served again once the server takes connections").isEqualTo(200);
        } finally {
            jdbc.sql("drop database if exists outage_limited with (force)").update();
            jdbc.sql("drop role if exists outage_limited").update();
        }
    }

    /**
     * The server ends the session of a request waiting for a lock, as an administrator's pg_terminate_backend or a fast
     * shutdown does: without the fix the API answered 500 "Something failed on Strata's side" and the page "Something
     * went wrong".
     */
    @Test
    @Timeout(120)
    void aRequestWhoseSessionTheServerEndsIsAnswered503InWords() throws Exception {
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        try (Connection blocker = dataSource.getConnection(); Statement sql = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            sql.execute("lock table campaigns in access exclusive mode");
            CompletableFuture<HttpResponse<String>> api = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> console = browser.sendAsync(HttpRequest.newBuilder(uri("/campaigns")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingForLocks(2);
            assertThat(jdbc.sql("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and datname = current_database()").query(Long.class).single()).isEqualTo(2);
            blocker.rollback();

            HttpResponse<String> answer = api.get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(answer.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + DatabaseUnavailable.TITLE + "\",\"status\":503,"
                    + "\"detail\":\"" + DatabaseUnavailable.DETAIL + "\",\"instance\":\"/api/v1/campaigns\"}");
            HttpResponse<String> page = console.get();
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("<h1>Strata&#39;s database is unavailable</h1>").contains(DETAIL_ON_A_PAGE)
                    .doesNotContainPattern(INTERNALS);
        }
        assertThat(get("/api/v1/campaigns").statusCode()).as("the next request gets a sound connection").isEqualTo(200);
    }

    /**
     * A network that drops packets instead of refusing (a firewall, a dead host): nothing is closed, nothing answers. A
     * request whose statement was under way when it went silent waited for ever (the driver's socket timeout is 0); now it
     * is answered 503 "database is unavailable" after strata.db.request-read-timeout, and so is a request sent while the
     * network is silent (connect and login bounded by strata.db.connect-timeout). Small bounds here: 2 s and 1 s.
     */
    @Test
    @Timeout(180)
    void whileTheNetworkDropsEverythingSilentlyRequestsAreAnswered503InBoundedTime() throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        try (CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
             ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                     "--server.port=0", "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + address.group(3),
                     "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.connection-timeout=30s",
                     "--strata.db.request-read-timeout=2s", "--strata.db.connect-timeout=1s", "--strata.db.lock-wait=60s",
                     "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                     "--strata.schedules.enabled=false", "--strata.predictions.warm-up=false");
             Connection blocker = dataSource.getConnection(); Statement sql = blocker.createStatement()) {
            URI campaigns = URI.create("http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port") + "/api/v1/campaigns");
            HttpRequest list = HttpRequest.newBuilder(campaigns).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60)).GET().build();
            assertThat(send(list).statusCode()).isEqualTo(200);

            // a request under way: its statement waits for a lock, which is given up once the network went silent
            blocker.setAutoCommit(false);
            sql.execute("lock table campaigns in access exclusive mode");
            CompletableFuture<HttpResponse<String>> underWay = http.sendAsync(list, HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingForLocks(1);
            link.silence();
            long silentFrom = System.nanoTime();
            blocker.rollback();

            HttpResponse<String> unanswered = underWay.get(30, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - silentFrom)).as("answered once the read timeout ran out").isLessThan(Duration.ofSeconds(15));
            assertThat(unanswered.statusCode()).as(unanswered.body()).isEqualTo(503);
            assertThat(unanswered.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + DatabaseUnavailable.TITLE + "\",\"status\":503,"
                    + "\"detail\":\"" + DatabaseUnavailable.DETAIL + "\",\"instance\":\"/api/v1/campaigns\"}");

            HttpResponse<String> sentWhileSilent = timed(() -> send(list));
            assertThat(sentWhileSilent.statusCode()).as(sentWhileSilent.body()).isEqualTo(503);
            assertThat(sentWhileSilent.body()).contains(DatabaseUnavailable.DETAIL).doesNotContainPattern(INTERNALS);

            link.speak();
            // an attempt begun in the silence (a request's, or the clean-up of expired sessions' at second 0 of a minute) holds
            // requests off no longer than attempts are spaced: here a slice, 250 ms (session 54 saw one hold them for its 1 s)
            Thread.sleep(250);
            assertThat(send(list).statusCode()).as("served again once the network forwards").isEqualTo(200);
        }
    }

    /**
     * Requests keep coming while the network drops everything silently: every one is answered 503, nearly all at once, and
     * only a few make an attempt to connect of their own, each hanging for the connect timeout (5 s here), an eighth of it
     * apart (625 ms) and at most 8 under way. Seen from outside: the connections the link took in the silence, counted
     * before the first attempt's connect timeout ran out (pgjdbc then opens another), at most those 8 and the pool's own
     * attempt to fill itself (one at a time). 16 clients: without a bound each of them hung its 5 s on an attempt of its
     * own; a slice apart (250 ms) with no cap, the link took 14 connections in the 3.5 s. Without the driver's
     * socketTimeout, pgjdbc's try without SSL after each attempt waited for ever, a thread and a connection each (one
     * open for 11 s at the end, and counting).
     */
    @Test
    @Timeout(180)
    void whileTheNetworkIsSilentRequestsAreAnswered503AtOnceAndOnlyAFewAttemptsToConnectAreUnderWay() throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        try (CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
             ConfigurableApplicationContext node = withConnectTimeoutOf5s(link, address.group(3))) {
            HttpRequest list = campaigns(node);
            assertThat(send(list).statusCode()).isEqualTo(200);
            unreachableThenSilent(link, node, list);

            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<List<Answer>>> sent = new ArrayList<>();
            long from = System.nanoTime();
            long until = from + TimeUnit.MILLISECONDS.toNanos(3500);
            for (int client = 0; client < 16; client++) {
                sent.add(clients.submit(() -> {
                    List<Answer> answers = new ArrayList<>();
                    while (System.nanoTime() < until) {
                        long start = System.nanoTime();
                        HttpResponse<String> answer = send(list);
                        answers.add(new Answer(answer.statusCode(), answer.body(), Duration.ofNanos(System.nanoTime() - start)));
                        Thread.sleep(100);
                    }
                    return answers;
                }));
            }
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) + 300);
            int taken = link.unansweredTaken();
            assertThat(Duration.ofNanos(System.nanoTime() - from)).as("counted before any attempt's 5 s ran out").isLessThan(Duration.ofMillis(4500));
            List<Answer> answers = new ArrayList<>();
            for (Future<List<Answer>> client : sent) {
                answers.addAll(client.get(60, TimeUnit.SECONDS));
            }
            clients.shutdown();

            assertThat(taken).as("attempts to connect begun in the silence: at most 8 of requests, 1 of the pool").isBetween(1, 8 + 1);
            assertThat(answers).hasSizeGreaterThan(32);
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + DatabaseUnavailable.TITLE + "\",\"status\":503,"
                        + "\"detail\":\"" + DatabaseUnavailable.DETAIL + "\",\"instance\":\"/api/v1/campaigns\"}");
                assertThat(answer.took()).as("no request waits for the pool's 30 s").isLessThan(Duration.ofSeconds(8));
            });
            assertThat(answers.stream().filter(answer -> answer.took().compareTo(Duration.ofSeconds(2)) >= 0))
                    .as("answered only after an attempt of their own").hasSizeLessThanOrEqualTo(8);

            // and no attempt waits for an answer for ever: pgjdbc's try without SSL once the connect timeout ran out (sslmode
            // prefer), on a connection of its own, is bounded by it too. 16 s into the silence, which still lasts (the pool
            // keeps trying), each connection taken was given up within the 5 s and a margin
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(from + TimeUnit.SECONDS.toNanos(16) - System.nanoTime())));
            assertThat(link.longestUnanswered()).as("the longest a connection taken in the silence was open").isLessThan(Duration.ofSeconds(7));
        }
    }

    /**
     * The network speaks again while an attempt begun in its silence is still under way (for its connect timeout, 5 s
     * here): a request sent just after is served, since another attempt may begin once the youngest under way began an
     * eighth of the connect timeout before (625 ms; at least a slice, 250 ms). With one attempt at a time it was answered
     * 503 at once until the old one timed out (session 54: a silent-network test failed so, with a 1 s connect timeout).
     * The request whose attempt hung is then served too: its attempt's late failure says nothing of the database, which
     * another attempt has reached since.
     */
    @Test
    @Timeout(180)
    void onceTheNetworkSpeaksAgainARequestIsServedAlthoughAnAttemptBegunInTheSilenceIsStillUnderWay() throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        try (CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
             ConfigurableApplicationContext node = withConnectTimeoutOf5s(link, address.group(3))) {
            HttpRequest list = campaigns(node);
            assertThat(send(list).statusCode()).isEqualTo(200);
            unreachableThenSilent(link, node, list);

            CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(list, HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1500);
            // its attempt hangs for 5 s; only if the clean-up of expired sessions (second 0 of a minute) began one in the 625 ms
            // before it was it answered 503 at once instead, and that attempt is the one under way
            boolean answeredInTheSilence = hanging.isDone();
            assertThat(link.unansweredOpen()).as("an attempt begun in the silence is under way").isPositive();

            link.speak();
            long spoke = System.nanoTime();
            Thread.sleep(625);
            HttpResponse<String> served = send(list);
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - spoke)).as("well under the pool's 30 s").isLessThan(Duration.ofSeconds(20));

            HttpResponse<String> late = hanging.get(60, TimeUnit.SECONDS);
            if (answeredInTheSilence) {
                assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
            } else {
                assertThat(late.statusCode()).as("its attempt failed after another connected: " + late.body()).isEqualTo(200);
            }
        }
    }

    /** A node through the link, whose attempts to connect hang for 5 s while it is silent. */
    private ConfigurableApplicationContext withConnectTimeoutOf5s(CuttableLink link, String database) {
        return new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + database,
                "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.connection-timeout=30s",
                "--strata.db.connect-timeout=5s", "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.schedules.enabled=false", "--strata.predictions.warm-up=false");
    }

    private static HttpRequest campaigns(ConfigurableApplicationContext node) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port")
                + "/api/v1/campaigns")).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60)).GET().build();
    }

    /**
     * The database made unreachable (the link cut, the pool's connections given up; the request's attempt refused marks it
     * so), then the link takes connections again and answers none.
     */
    private void unreachableThenSilent(CuttableLink link, ConfigurableApplicationContext node, HttpRequest list) throws Exception {
        link.cut();
        // a connection in use is closed only when given back: the node's own work after its start (the previews' read-ahead)
        // may hold one for a moment, so the pool is emptied when that is done, not at once (a verify read 1 here)
        var pool = node.getBean(HikariDataSource.class).getHikariPoolMXBean();
        org.awaitility.Awaitility.await("the node's pool emptied").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    pool.softEvictConnections();
                    return pool.getTotalConnections() == 0;
                });
        HttpResponse<String> refused = timed(() -> send(list));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        link.silence();
        link.restore();
    }

    private record Answer(int status, String body, Duration took) {
    }

    /** A page as the browser asks for it: redirects not followed. */
    private static HttpResponse<String> page(HttpClient browser, String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer, which must come within 10 s: the pool's timeout is 30 s, so an answer after waiting for it fails. */
    private static HttpResponse<String> timed(Call call) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = call.call();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to answer %s", answer.uri()).isLessThan(Duration.ofSeconds(10));
        return answer;
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> call() throws Exception;
    }
}
