package io.strata.bootstrap;

import io.strata.adapters.persistence.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strata started on a data directory whose cluster another major version of PostgreSQL wrote (an upgrade of the
 * shipped binaries, or a directory copied from elsewhere) stops at once with what it found and what to do, and leaves
 * the directory as it was. Before session 55 the embedded server was started, refused the files, and Strata gave up
 * after a minute's wait with Spring's nested stack trace and the advice to check that the directory was writable.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedClusterAtStartTest {

    @Test
    void aClusterOfAnotherMajorVersionStopsTheStartAtOnceAndIsLeftAsItWas(CapturedOutput output) throws IOException {
        Path dataDir = Path.of("target", "embedded-cluster-" + UUID.randomUUID()).toAbsolutePath();
        Path cluster = dataDir.resolve("pg");
        Files.createDirectories(cluster);
        Files.writeString(cluster.resolve("PG_VERSION"), "12\n");
        Files.writeString(cluster.resolve("postgresql.conf"), "# written by PostgreSQL 12\n");
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(StrataApplication.class)
                    .run("--server.port=0", "--strata.data-dir=" + dataDir, "--strata.predictions.warm-up=false").close())
                    .isInstanceOf(Exception.class);

            String nl = System.lineSeparator();
            assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                    .containsPattern("Description:" + nl + nl + "The embedded database in " + java.util.regex.Pattern.quote(cluster.toString())
                            + " was written by PostgreSQL 12, and this Strata runs PostgreSQL \\d+, which cannot read it\\. Nothing in the"
                            + " directory was changed\\." + nl + nl + "Action:" + nl + nl + "Start the Strata version that wrote it, or move the"
                            + " cluster to PostgreSQL \\d+ with that version's pg_upgrade")
                    .doesNotContain("Caused by:")
                    .as("no server was started on it").doesNotContain("postmaster started");
            assertThat(Files.list(cluster)).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("PG_VERSION", "postgresql.conf");
            assertThat(Files.readString(cluster.resolve("PG_VERSION"))).isEqualTo("12\n");
        } finally {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A second Strata on the data directory of a running one (here the running one's server is this JVM's) stops at
     * once with one report, and the running one's database goes on taking connections. Before session 56 the second
     * asked that server to shut down (it took it for an orphan), which then refused every new connection, and gave up
     * after a minute.
     */
    @Test
    void aSecondStrataOnTheDataDirectoryOfARunningOneStopsAtOnceAndLeavesItsDatabaseAlone(CapturedOutput output) throws Exception {
        Path dataDir = Path.of("target", "embedded-cluster-" + UUID.randomUUID()).toAbsolutePath();
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(dataDir)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> new SpringApplicationBuilder(StrataApplication.class)
                    .run("--server.port=0", "--strata.data-dir=" + dataDir, "--strata.predictions.warm-up=false").close())
                    .isInstanceOf(Exception.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("at once, not after a minute").isLessThan(Duration.ofSeconds(30));

            String nl = System.lineSeparator();
            assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                    .contains("Description:" + nl + nl + "Another Strata (pid " + ProcessHandle.current().pid() + ") is using the data directory "
                            + dataDir + " and its embedded database. This Strata did not start, and that one and its database were not touched."
                            + nl + nl + "Action:" + nl + nl + "Stop the other Strata first")
                    .doesNotContain("Caused by:")
                    .doesNotContain("still holds");
            try (Connection c = DriverManager.getConnection(running.jdbcUrl(), running.user(), running.password()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("a new connection to the running server").isEqualTo(1);
            }
        } finally {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
