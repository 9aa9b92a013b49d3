package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.busy.DatabaseLocked;
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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Another client of the database holds a lock on a table Strata needs and does not let go (docs/architecture.md, "Locks
 * held by others"): a user's request waits strata.db.lock-wait (1 s here) and is answered 503 in words naming the table
 * and the holding process, with Retry-After; an import, work Strata accepted, waits as long as the lock is held and
 * completes after. Before, every request waited as long as the lock was held: for ever, for a transaction left open.
 */
class LockHeldByAnotherClientTest extends EndToEndTest {

    private static final Pattern INTERNALS = Pattern.compile("Exception|Hikari|SQL|PSQL|lock timeout|canceling|at io\\.|at org\\.");

    @Autowired
    private HikariDataSource dataSource;

    @Test
    @Timeout(180)
    void aRequestWaitsTheLockWaitAndIsAnswered503NamingTheTableAndAnImportWaitsOn() throws Exception {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(),
                "--strata.db.pool-size=4", "--strata.db.lock-wait=1s", "--strata.api-token=" + TOKEN,
                "--strata.admin-password=" + ADMIN_PASSWORD, "--strata.schedules.enabled=false", "--strata.predictions.warm-up=false");
             // another client: a plain connection of the driver, as psql or pg_dump would be
             Connection other = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
             Statement sql = other.createStatement()) {
            String base = "http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port");
            HttpClient browser = loggedInAsAdmin(base);
            HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns")).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30)).GET().build();
            assertThat(send(list).statusCode()).isEqualTo(200);

            // the node's read-ahead at its start reads customers: one still to begin would wait for the lock below too
            awaitNoReadAhead();
            other.setAutoCommit(false);
            sql.execute("lock table campaigns in access exclusive mode");
            sql.execute("lock table customers in access exclusive mode");
            int pid;
            try (ResultSet backend = sql.executeQuery("select pg_backend_pid()")) {
                backend.next();
                pid = backend.getInt(1);
            }

            long start = System.nanoTime();
            HttpResponse<String> api = send(list);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).hasValue("30");
            String detail = "Another session of Strata's database holds a lock on table campaigns (process " + pid + "): another client "
                    + "of the database (a transaction left open, a maintenance task) or a long import of Strata's own. Strata waited 1 "
                    + "second for it (strata.db.lock-wait) and undid the request: nothing of it was kept. Send it again in 30 seconds; "
                    + "if this keeps happening, ask your administrator to end that session's transaction (pg_stat_activity, pid " + pid + ").";
            assertThat(api.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + DatabaseLocked.TITLE + "\",\"status\":503,"
                    + "\"detail\":\"" + detail + "\",\"instance\":\"/api/v1/campaigns\"}");

            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/campaigns")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("<h1>Strata&#39;s data is locked by another session</h1>")
                    .contains(detail.replace("'", "&#39;")).doesNotContainPattern(INTERNALS);

            CompletableFuture<HttpResponse<String>> importing = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/customers"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("customer_id,email\nLOCKED-1,locked-1@example.com\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingForLocks(1);
            assertThatThrownBy(() -> importing.get(3, TimeUnit.SECONDS)).as("the import waits past the requests' bound")
                    .isInstanceOf(TimeoutException.class);
            other.rollback();

            HttpResponse<String> imported = importing.get(60, TimeUnit.SECONDS);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(imported.body()).contains("\"status\":\"COMPLETED\"");
            assertThat(send(list).statusCode()).as("served again once the lock is gone").isEqualTo(200);
        }
    }
}
