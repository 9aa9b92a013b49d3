package io.strata.bootstrap.security;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.SteerableClock;
import io.strata.bootstrap.StrataApplication;
import io.strata.bootstrap.busy.DatabaseLocked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure of the database that a user's work meets is told in the product's words (what happened, what to do, a
 * reference for the log), never in the database's, Spring's or Java's (docs/architecture.md, "A failure's own words
 * stay in the log", session 59). Each failure is made for real on the suite's PostgreSQL: a constraint the database
 * enforces on the run's row, a constraint on the predictions' summary, a row lock held by another client. Before session
 * 59 each of these texts carried the database's message: the schedule's skipped trigger ("skipped: PreparedStatementCallback;
 * SQL [insert into segmentation_runs ...]; ERROR: new row for relation ... violates check constraint ..."), the
 * predictions' reason, the access page's flash ("... ERROR: canceling statement due to lock timeout").
 */
class ProductWordsOnFailureTest extends EndToEndTest {

    /** What a user must never read: the database's, the driver's, Spring's or Java's words. */
    private static final List<String> FOREIGN = List.of("ERROR:", "SQL [", "SQLState", "SQL state", "PreparedStatement", "Callback",
            "Exception", "org.springframework", "org.postgresql", "java.", "io.strata", "Caused by", "Detail:", "Hint:", "Where:", "relation \"");

    @Autowired
    private SteerableClock clock;

    @Autowired
    private RunDueWork dueWork;

    @Autowired
    private HikariDataSource dataSource;

    private final JsonMapper mapper = JsonMapper.builder().build();

    private static void inProductWords(String text, String sqlState, String... objects) {
        assertThat(text).isNotBlank();
        for (String foreign : FOREIGN) {
            assertThat(text).as("'%s' in %s", foreign, text).doesNotContain(foreign);
        }
        assertThat(text).as("the SQL state").doesNotContain(sqlState);
        for (String object : objects) {
            assertThat(text).as("the database object's name").doesNotContainIgnoringCase(object);
        }
    }

    @Test
    void aScheduledRunThatCouldNotStartIsSkippedInProductWordsOnTheCalendar() throws Exception {
        long segmentation = twoBuyersAndAnActiveSegmentation();
        HttpResponse<String> schedule = send(HttpRequest.newBuilder(uri("/api/v1/segmentations/" + segmentation + "/schedule"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"dailyAt\": \"06:00\", \"timeZone\": \"UTC\"}")).build());
        assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(200);
        // the database refuses every new run's row (23514), as a constraint or trigger a DBA added would
        jdbc.sql("alter table segmentation_runs add constraint s59_no_new_runs check (false) not valid").update();
        DueWorkReport look;
        try {
            clock.advance(Duration.ofDays(1));
            look = dueWork.runDueWork();
        } finally {
            jdbc.sql("alter table segmentation_runs drop constraint s59_no_new_runs").update();
            clock.reset();
        }
        assertThat(look.runsStarted()).isEmpty();
        assertThat(look.runsSkipped()).hasSize(1);
        String skipped = look.runsSkipped().get(0).skipped();
        inProductWords(skipped, "23514", "segmentation_runs", "s59_no_new_runs", "check constraint");
        assertThat(skipped).startsWith("skipped: the daily run planned at ").contains("could not start because of a problem on Strata's side")
                .containsPattern("\\(reference [0-9a-f]{8}\\)").contains("Start a run by hand (Run now on the segmentations page)");

        JsonNode triggers = mapper.readTree(get("/api/v1/segmentations/" + segmentation + "/schedule").body()).get("recentTriggers");
        assertThat(triggers.get(0).get("skipped").asString()).isEqualTo(skipped);
        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String calendar = admin.get("/calendar").body();
        assertThat(calendar).contains(skipped.replace("'", "&#39;"));
        inProductWords(calendar, "23514", "segmentation_runs", "s59_no_new_runs", "check constraint");
        send(HttpRequest.newBuilder(uri("/api/v1/segmentations/" + segmentation + "/schedule")).header("Authorization", "Bearer " + TOKEN)
                .DELETE().build());
    }

    @Test
    void predictionsThatMeetADatabaseFailureSayWhyInProductWords() throws Exception {
        twoBuyersAndAnActiveSegmentation();
        // the database refuses the predictions' summary of the run's buyers (23514), as a constraint a DBA added would;
        // the summary of a failure (no customers) it takes
        jdbc.sql("alter table run_predictions add constraint s59_no_predictions check (customers = 0) not valid").update();
        long runId;
        try {
            HttpResponse<String> run = runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
            JsonNode body = mapper.readTree(run.body());
            assertThat(body.get("status").asString()).as(run.body()).isEqualTo("COMPLETED");
            runId = body.get("runId").asLong();
        } finally {
            jdbc.sql("alter table run_predictions drop constraint s59_no_predictions").update();
        }
        HttpResponse<String> predictions = get("/api/v1/segmentation-runs/" + runId + "/predictions");
        JsonNode answer = mapper.readTree(predictions.body());
        assertThat(answer.get("status").asString()).as(predictions.body()).isEqualTo("NOT_FITTED");
        String reason = answer.get("reason").asString();
        inProductWords(reason, "23514", "run_predictions", "s59_no_predictions", "check constraint");
        assertThat(reason).isEqualTo(reason.strip()).startsWith("the models could not be fitted for run " + runId
                        + " because of a problem on Strata's side, not in the data; the run's segments are complete without predicted values")
                .containsPattern("\\(reference [0-9a-f]{8}\\)").endsWith("The next run fits them again; if its predictions fail too, give the"
                        + " reference to your administrator.");
    }

    @Test
    @Timeout(180)
    void aUserChangeThatMeetsALockIsAnsweredInWordsNotInTheFlash() throws Exception {
        String name = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> user = post("/api/v1/users", "application/json",
                "{\"username\": \"" + name + "\", \"password\": \"quiet harbour lantern 42\", \"role\": \"ANALYST\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(),
                "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.lock-wait=1s",
                "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD, "--strata.schedules.enabled=false",
                "--strata.predictions.warm-up=false");
             // another client: a plain connection of the driver, as psql would be
             Connection other = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
             Statement sql = other.createStatement()) {
            ConsoleSession admin = new ConsoleSession(Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port")));
            assertThat(admin.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
            String csrf = admin.csrfToken();

            other.setAutoCommit(false);
            // the user's row, not the table: the table's lock would stop the request before the change (a page's
            // session is checked against the users), where the answer was already the 503 in words
            sql.execute("select 1 from console_users where username = '" + name + "' for update");
            HttpResponse<String> disable;
            try {
                disable = admin.post("/admin/users/" + name + "/disable", "", csrf);
            } finally {
                other.rollback();
            }
            // the page the browser shows next: before, the redirect's flash held the database's words
            String access = admin.get("/admin/access").body();
            inProductWords(access, "55P03", "lock timeout", "canceling statement");
            // the lock's answer every page gets (503, what to do)
            assertThat(disable.statusCode()).as(disable.body()).isEqualTo(503);
            assertThat(disable.body()).contains("<h1>" + DatabaseLocked.TITLE.replace("'", "&#39;") + "</h1>")
                    .contains("undid the request: nothing of it was kept. Send it again in 30 seconds");
            inProductWords(disable.body(), "55P03", "lock timeout", "canceling statement");
            JsonNode users = mapper.readTree(get("/api/v1/users?limit=1000").body());
            boolean enabled = false;
            for (JsonNode each : users) {
                if (each.get("username").asString().equals(name)) {
                    enabled = each.get("enabled").asBoolean();
                }
            }
            assertThat(enabled).as("nothing was done").isTrue();
        }
    }

    /**
     * A login that meets a lock on the users (another client's transaction, a maintenance task) is answered with the
     * lock's 503 in words, not "Wrong user name or password." (Spring Security wrapped the database's failure into an
     * authentication failure, which the login page words as a wrong password, and counted it against the name).
     */
    @Test
    @Timeout(180)
    void aLoginThatMeetsALockIsAnsweredInWordsNotAsAWrongPassword() throws Exception {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(),
                "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.lock-wait=1s",
                "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD, "--strata.schedules.enabled=false",
                "--strata.predictions.warm-up=false");
             Connection other = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
             Statement sql = other.createStatement()) {
            ConsoleSession browser = new ConsoleSession(Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port")));
            long failuresBefore = jdbc.sql("select count(*) from login_failures").query(Long.class).single();
            other.setAutoCommit(false);
            sql.execute("lock table console_users in access exclusive mode");
            HttpResponse<String> login;
            try {
                login = browser.logIn("admin", ADMIN_PASSWORD);
            } finally {
                other.rollback();
            }
            assertThat(login.headers().firstValue("Location").orElse("")).as("not told the password was wrong").doesNotContain("error");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
            assertThat(login.body()).contains("<h1>" + DatabaseLocked.TITLE.replace("'", "&#39;") + "</h1>")
                    .contains("Send it again in 30 seconds").doesNotContain("Wrong user name or password");
            inProductWords(login.body(), "55P03", "lock timeout", "canceling statement");
            assertThat(jdbc.sql("select count(*) from login_failures").query(Long.class).single()).as("no failed attempt counted")
                    .isEqualTo(failuresBefore);
            assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).as("the lock gone, the login works").isEqualTo(302);
        }
    }

    /** A bearer token checked while another client locks the tokens: the lock's 503 in words, not a 401 or a 500. */
    @Test
    @Timeout(180)
    void aTokenCheckThatMeetsALockIsAnsweredInWords() throws Exception {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(),
                "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.lock-wait=1s",
                "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD, "--strata.schedules.enabled=false",
                "--strata.predictions.warm-up=false");
             Connection other = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
             Statement sql = other.createStatement()) {
            String base = "http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port");
            HttpRequest list = HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/campaigns")).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30)).GET().build();
            other.setAutoCommit(false);
            sql.execute("lock table api_tokens in access exclusive mode");
            HttpResponse<String> answer;
            try {
                answer = send(list);
            } finally {
                other.rollback();
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("\"title\":\"" + DatabaseLocked.TITLE + "\"").contains("Send it again in 30 seconds");
            inProductWords(answer.body(), "55P03", "lock timeout", "canceling statement");
            assertThat(send(list).statusCode()).as("the lock gone, the call is served").isEqualTo(200);
        }
    }

    /**
     * A campaign's page whose always-on panel meets a lock is answered with the lock's 503 in words. Until session 59 the
     * panel's reader took any failure for "not always-on" and left the panel out: the page said nothing of an always-on
     * campaign's cohorts, as if it were none.
     */
    @Test
    @Timeout(180)
    void aCampaignPageWhoseAlwaysOnPanelMeetsALockIsAnsweredInWordsNotWithoutThePanel() throws Exception {
        twoBuyersAndAnActiveSegmentation();
        HttpResponse<String> created = post("/api/v1/campaigns", "application/json", """
                {"name": "Newcomers again", "objective": "move newcomers up to repeat", "targetSegment": "newcomers",
                 "actions": [{"channel": "email", "content": "template:again-1"}], "controlGroupPercent": 10, "attributionWindowDays": 30}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long campaign = mapper.readTree(created.body()).get("id").asLong();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(),
                "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4", "--strata.db.lock-wait=1s",
                "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD, "--strata.schedules.enabled=false",
                "--strata.predictions.warm-up=false");
             Connection other = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
             Statement sql = other.createStatement()) {
            ConsoleSession admin = new ConsoleSession(Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port")));
            assertThat(admin.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
            assertThat(admin.get("/campaigns/" + campaign).statusCode()).isEqualTo(200);
            other.setAutoCommit(false);
            sql.execute("lock table always_on_campaigns in access exclusive mode");
            HttpResponse<String> page;
            try {
                page = admin.get("/campaigns/" + campaign);
            } finally {
                other.rollback();
            }
            assertThat(page.statusCode()).as("the page without its panel, the lock unsaid").isEqualTo(503);
            assertThat(page.body()).contains("<h1>" + DatabaseLocked.TITLE.replace("'", "&#39;") + "</h1>").contains("Send it again in 30 seconds");
            inProductWords(page.body(), "55P03", "lock timeout", "canceling statement");
            assertThat(admin.get("/campaigns/" + campaign).statusCode()).as("the lock gone, the page is served").isEqualTo(200);
        }
    }
}
