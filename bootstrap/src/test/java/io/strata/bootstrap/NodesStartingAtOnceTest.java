package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseConfiguration;
import io.strata.adapters.persistence.database.OneNodeMigrates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes started at the same moment on an empty database (docs/scale-out.md, "Two nodes on one PostgreSQL, probed
 * from outside"): both come up, the schema is migrated once, and with --demo on both the demo is loaded once. Each test
 * works on a database of its own on the suite's server, and holds the first node in the middle of its work (a table
 * lock) until the second node has reached the same point, so the two meet there every time, not by luck.
 */
class NodesStartingAtOnceTest extends EndToEndTest {

    @Autowired
    private HikariDataSource suiteDatabase;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private String database;

    /**
     * The two nodes start on two threads at once; when an earlier test in this JVM closed an application, Spring Boot's
     * logging counts as not set up and both starts would set up Logback at the same moment, which failed one of them
     * ("Unknown format 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'", seen in the full suite). Their logging is left
     * as the suite set it up.
     */
    @BeforeEach
    void nodesLeaveLoggingAsItIs() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterEach
    void stopNodesAndDropTheirDatabase() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        if (database != null) {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
            database = null;
        }
    }

    /**
     * Liquibase creates its {@code databasechangelog} table after looking for it and before taking its own lock: the
     * test holds that name with an uncommitted table, so both nodes look, find none, and try to create it; without one
     * node migrating at a time, the second failed to start with "relation "databasechangelog" already exists".
     */
    @Test
    void twoNodesStartedAtOnceOnAnEmptyDatabaseBothComeUpAndMigrateTheSchemaOnce() throws Exception {
        String url = emptyDatabase("nodes_at_once_schema");
        List<Future<ConfigurableApplicationContext>> starting;
        try (Connection first = DriverManager.getConnection(url, suiteDatabase.getUsername(), suiteDatabase.getPassword()); Statement sql = first.createStatement()) {
            first.setAutoCommit(false);
            sql.execute("create table public.databasechangelog (id varchar(255))");
            starting = startTwoNodesAtOnce(url);
            // without the fix both nodes wait to create the table; with it, one waits for the table, the other for its turn
            awaitSessionsWaitingForLocks(database, 2);
            first.rollback();
        }

        awaitBoth(starting);

        JdbcClient nodesDatabase = JdbcClient.create(new SingleConnectionDataSource(url, suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
        assertThat(nodes).allSatisfy(node -> assertThat(node.isRunning()).isTrue());
        long changeSets = nodesDatabase.sql("select count(*) from databasechangelog").query(Long.class).single();
        // every changeset once, as in the suite's own database
        assertThat(changeSets).isEqualTo(jdbc.sql("select count(*) from databasechangelog").query(Long.class).single());
        assertThat(nodesDatabase.sql("select count(distinct (id, author, filename)) from databasechangelog").query(Long.class).single())
                .isEqualTo(changeSets);
    }

    /**
     * Both nodes with --demo: the first is held while it writes its first import's record (after it found the database
     * empty), until the second is held too. Before the fix the second had also found the database empty, so the demo
     * was loaded twice and two "Customer value (RFM)" segmentations were created, each run once.
     */
    @Test
    void twoNodesStartedAtOnceWithTheDemoLoadItOnce() throws Exception {
        String url = emptyDatabase("nodes_at_once_demo");
        migrate(url);
        List<Future<ConfigurableApplicationContext>> starting;
        try (Connection first = DriverManager.getConnection(url, suiteDatabase.getUsername(), suiteDatabase.getPassword()); Statement sql = first.createStatement()) {
            first.setAutoCommit(false);
            // readers pass, the record of an import waits
            sql.execute("lock table imports in share mode");
            starting = startTwoNodesAtOnce(url, "--strata.demo=true", "--strata.demo-customers=120");
            awaitSessionsWaitingForLocks(database, 2);
            first.rollback();
        }

        awaitBoth(starting);

        JdbcClient nodesDatabase = JdbcClient.create(new SingleConnectionDataSource(url, suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
        assertThat(nodesDatabase.sql("select entity || ' ' || status || ' ' || rows_imported from imports order by entity").query(String.class).list())
                .hasSize(3).startsWith("customers COMPLETED 120");
        assertThat(nodesDatabase.sql("select name || ' ' || status from segmentations").query(String.class).list())
                .containsExactly("Customer value (RFM) ACTIVE");
        assertThat(nodesDatabase.sql("select status from segmentation_runs").query(String.class).list()).containsExactly("COMPLETED");
        assertThat(nodesDatabase.sql("select count(*) from customers").query(Long.class).single()).isEqualTo(120);
    }

    /** Waits for both nodes' start; a node that did not start fails the test with its reason (after the other is kept to be stopped). */
    private void awaitBoth(List<Future<ConfigurableApplicationContext>> starting) throws InterruptedException, TimeoutException {
        List<String> failed = new ArrayList<>();
        for (Future<ConfigurableApplicationContext> node : starting) {
            try {
                nodes.add(node.get(3, TimeUnit.MINUTES));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                failed.add(cause.toString());
            }
        }
        assertThat(failed).as("nodes that did not start").isEmpty();
    }

    /** A new database on the suite's server; answers its JDBC URL. */
    private String emptyDatabase(String name) {
        database = name;
        jdbc.sql("drop database if exists " + name + " with (force)").update();
        jdbc.sql("create database " + name).update();
        String suiteUrl = suiteDatabase.getJdbcUrl();
        return suiteUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    private void migrate(String url) throws Exception {
        OneNodeMigrates liquibase = new OneNodeMigrates();
        liquibase.setDataSource(new SingleConnectionDataSource(url, suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
        liquibase.setChangeLog(DatabaseConfiguration.CHANGE_LOG);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    private List<Future<ConfigurableApplicationContext>> startTwoNodesAtOnce(String url, String... extra) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> settings = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--strata.data-dir=" + Files.createTempDirectory("strata-node-at-once"),
                    "--strata.db.url=" + url,
                    "--strata.db.user=" + suiteDatabase.getUsername(), "--strata.db.password=" + suiteDatabase.getPassword(),
                    "--strata.db.pool-size=6",
                    "--strata.api-token=" + TOKEN,
                    "--strata.admin-password=" + ADMIN_PASSWORD,
                    "--strata.predictions.warm-up=false",
                    "--strata.schedules.check-every=PT24H"));
            settings.addAll(List.of(extra));
            starting.add(starter.submit(() -> {
                go.await();
                return new SpringApplicationBuilder(StrataApplication.class).run(settings.toArray(String[]::new));
            }));
        }
        go.countDown();
        starter.shutdown();
        return starting;
    }
}
