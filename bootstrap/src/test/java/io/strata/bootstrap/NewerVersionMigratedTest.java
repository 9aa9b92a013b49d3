package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A rolling upgrade (docs/scale-out.md, "Upgrading"): a newer version's node migrates the database while a node of
 * this version runs on it, then a node of this version is started on it. The newer version's changeset is written
 * into {@code databasechangelog} as Liquibase writes it. The running node answers every request with 503 and why; the
 * node started afterwards does not start, saying why. Before, both served on a schema they were not written for
 * (Liquibase passes over changesets it does not know).
 * The refused start is Boot's failure report (what was found, what to do), not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class NewerVersionMigratedTest extends EndToEndTest {

    private static final String NEWER = "990-from-a-newer-version";

    @Autowired
    private HikariDataSource suiteDatabase;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private String database;

    @AfterEach
    void stopNodesAndDropTheirDatabase() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        if (database != null) {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
            database = null;
        }
    }

    @Test
    void aRunningNodeRefusesRequestsOnceANewerVersionMigratedItsDatabaseAndANodeStartedThenDoesNotStart(CapturedOutput output) throws Exception {
        String url = emptyDatabase("newer_version_migrated");
        ConfigurableApplicationContext node = start(url);
        nodes.add(node);
        int port = Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
        assertThat(api(port, "/api/v1/segmentation-runs/1").statusCode()).isEqualTo(404);

        JdbcClient nodesDatabase = JdbcClient.create(new SingleConnectionDataSource(url, suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
        nodesDatabase.sql("insert into databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum, description, liquibase) "
                + "select ?, 'strata', 'db/changelog/" + NEWER + ".sql', timestamp '2031-01-02 03:04', max(orderexecuted) + 1, 'EXECUTED', "
                + "'9:0123456789abcdef0123456789abcdef', 'sql', '5.0.4' from databasechangelog").param(NEWER).update();

        HttpResponse<String> api = api(port, "/api/v1/segmentation-runs/1");
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(api.body()).contains("\"title\":\"This Strata node is older than its database\"")
                .contains("This Strata node runs an older version than the one that has since migrated the database (1 change to the "
                        + "schema that this version does not know, the newest '" + NEWER + "', applied 2031-01-02 03:04), so it answers no "
                        + "more requests: its answers could be wrong. Send the request again to a node of the new version. Stop every node of "
                        + "this version and run the newer one (docs/scale-out.md, \\\"Upgrading\\\")");
        HttpResponse<String> health = get(port, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains(NEWER);
        HttpResponse<String> console = get(port, "/login");
        assertThat(console.statusCode()).isEqualTo(503);
        assertThat(console.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(console.body()).contains("<h1>This Strata node is older than its database</h1>").contains("the newest &#39;" + NEWER + "&#39;");

        Throwable refused = catchThrowable(() -> nodes.add(start(url)));
        assertThat(rootCause(refused)).hasMessage("This Strata does not start: a newer version has migrated its database, which holds 1 change to "
                + "the schema that this version does not know (the newest '" + NEWER + "', applied 2031-01-02 03:04). This version would "
                + "work on a schema it was not written for. Stop every node of this version and run the newer one (docs/scale-out.md, "
                + "\"Upgrading\"); going back to this version needs the database as it was before the upgrade, from a backup.");
        String log = output.getOut();
        assertThat(log).as("Boot's report, not a stack trace").contains("APPLICATION FAILED TO START").doesNotContain("Application run failed");
        String report = log.substring(log.lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("Description:\n\nThis Strata does not start: a newer version has migrated its database, which holds 1 "
                        + "change to the schema that this version does not know (the newest '" + NEWER + "', applied 2031-01-02 03:04). This "
                        + "version would work on a schema it was not written for.\n")
                .contains("Action:\n\nStop every node of this version and run the newer one (docs/scale-out.md, \"Upgrading\"); going back to "
                        + "this version needs the database as it was before the upgrade, from a backup. Strata stops with exit status 1; "
                        + "starting this version again does not help.")
                .doesNotContain("Caused by:").doesNotContain("at liquibase").doesNotContain("at io.strata");
        assertThat(nodesDatabase.sql("select count(*) from databasechangelog where id = ?").param(NEWER).query(Long.class).single()).isEqualTo(1);
    }

    private ConfigurableApplicationContext start(String url) throws Exception {
        return new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0",
                "--strata.data-dir=" + Files.createTempDirectory("strata-newer-schema"),
                "--strata.db.url=" + url,
                "--strata.db.user=" + suiteDatabase.getUsername(), "--strata.db.password=" + suiteDatabase.getPassword(),
                "--strata.db.pool-size=4",
                "--strata.db.schema-look-every=PT0S",
                "--strata.api-token=" + TOKEN,
                "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.predictions.warm-up=false",
                "--strata.schedules.check-every=PT24H");
    }

    private HttpResponse<String> api(int port, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + TOKEN).build());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build());
    }

    private static Throwable rootCause(Throwable failure) {
        assertThat(failure).as("the node started").isNotNull();
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A new database on the suite's server; answers its JDBC URL. */
    private String emptyDatabase(String name) {
        database = name;
        jdbc.sql("drop database if exists " + name + " with (force)").update();
        jdbc.sql("create database " + name).update();
        return suiteDatabase.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }
}
