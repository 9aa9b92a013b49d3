package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseConfiguration;
import io.strata.adapters.persistence.database.OneNodeMigrates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract: health at {@code /actuator/health} is "200 and {"status":"UP"} once ready", STRATA_API_TOKEN is
 * registered "at start", and --demo loads the demo "so a newcomer sees a populated console". Probed from outside in
 * session 51, health answered UP about a second and a half before the configured token was accepted (401 meanwhile)
 * and, with --demo, while the base was still empty: Tomcat takes requests before the start-up runners. A checker that
 * waits for UP and then calls the API failed. Each test starts a node on a database of its own on the suite's server
 * and holds it in one of those runners (a table lock), so health is asked exactly while the start is not done.
 */
class HealthOnceReadyTest extends EndToEndTest {

    @Autowired
    private HikariDataSource suiteDatabase;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor();
    private String database;

    @AfterEach
    void stopTheNodeAndDropItsDatabase() {
        starter.shutdownNow();
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        if (database != null) {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
            database = null;
        }
    }

    @Test
    void healthIsNotUpWhileTheConfiguredApiTokenIsBeingRegistered() throws Exception {
        String url = migratedDatabase("health_once_ready_token");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Future<ConfigurableApplicationContext> starting;
        try (Connection held = DriverManager.getConnection(url, suiteDatabase.getUsername(), suiteDatabase.getPassword()); Statement sql = held.createStatement()) {
            held.setAutoCommit(false);
            // readers pass; registering STRATA_API_TOKEN at start waits
            sql.execute("lock table api_tokens in share mode");
            starting = start(url, port);
            awaitSessionsWaitingForLocks(database, 1);

            HttpResponse<String> whileStarting = health(port.get(1, TimeUnit.MINUTES));

            assertThat(whileStarting.statusCode()).as("health while the token is not registered yet: %s", whileStarting.body())
                    .isEqualTo(503);
            assertThat(whileStarting.body()).doesNotContain("\"UP\"");
            held.rollback();
        }
        nodes.add(starting.get(3, TimeUnit.MINUTES));

        assertThat(health(port.get()).statusCode()).isEqualTo(200);
        assertThat(health(port.get()).body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> templates = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port.get() + "/api/v1/segmentation-templates"))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(templates.statusCode()).as(templates.body()).isEqualTo(200);
    }

    @Test
    void withTheDemoHealthIsUpOnlyOnceTheDemoIsLoadedAndRun() throws Exception {
        String url = migratedDatabase("health_once_ready_demo");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Future<ConfigurableApplicationContext> starting;
        try (Connection held = DriverManager.getConnection(url, suiteDatabase.getUsername(), suiteDatabase.getPassword()); Statement sql = held.createStatement()) {
            held.setAutoCommit(false);
            // readers pass; the record of the demo's first import waits
            sql.execute("lock table imports in share mode");
            starting = start(url, port, "--strata.demo=true", "--strata.demo-customers=120");
            awaitSessionsWaitingForLocks(database, 1);

            HttpResponse<String> whileLoading = health(port.get(1, TimeUnit.MINUTES));

            assertThat(whileLoading.statusCode()).as("health while the demo loads: %s", whileLoading.body()).isEqualTo(503);
            held.rollback();
        }
        nodes.add(starting.get(3, TimeUnit.MINUTES));

        assertThat(health(port.get()).body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> runs = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port.get() + "/api/v1/segmentation-runs"))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).contains("\"status\":\"COMPLETED\"").contains("\"customers\":120");
    }

    private HttpResponse<String> health(int port) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).GET().build());
    }

    /** A new database on the suite's server with the schema in it; answers its JDBC URL. */
    private String migratedDatabase(String name) throws Exception {
        database = name;
        jdbc.sql("drop database if exists " + name + " with (force)").update();
        jdbc.sql("create database " + name).update();
        String url = suiteDatabase.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        OneNodeMigrates liquibase = new OneNodeMigrates();
        liquibase.setDataSource(new SingleConnectionDataSource(url, suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
        liquibase.setChangeLog(DatabaseConfiguration.CHANGE_LOG);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
        return url;
    }

    /** Starts a node on {@code url} in the background; {@code port} is completed as soon as its web server listens. */
    private Future<ConfigurableApplicationContext> start(String url, CompletableFuture<Integer> port, String... extra) throws Exception {
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=0",
                "--strata.data-dir=" + Files.createTempDirectory("strata-health-once-ready"),
                "--strata.db.url=" + url,
                "--strata.db.user=" + suiteDatabase.getUsername(), "--strata.db.password=" + suiteDatabase.getPassword(),
                "--strata.db.pool-size=6",
                "--strata.api-token=" + TOKEN,
                "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.predictions.warm-up=false",
                "--strata.schedules.check-every=PT24H"));
        settings.addAll(List.of(extra));
        ApplicationListener<WebServerInitializedEvent> listening = event -> port.complete(event.getWebServer().getPort());
        return starter.submit(() -> new SpringApplicationBuilder(StrataApplication.class).listeners(listening)
                .run(settings.toArray(String[]::new)));
    }
}
