package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second Strata started on the data directory of a running one is refused at once, and the running one keeps its
 * database. Before session 56 the second took the first one's server for an orphan of a killed run and sent it SIGTERM:
 * the server, shutting down while the first Strata's connections stayed open, answered every new connection "the
 * database system is shutting down", and the second gave up after 60 s.
 */
class DataDirectoryLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStrataOnTheDirectoryOfARunningOneIsRefusedAtOnceAndTheRunningOneKeepsItsDatabase() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RunningOwner.class.getName(),
                dataDir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String url = out.readLine();
            while (url != null && !url.startsWith("url=")) {
                url = out.readLine(); // the child's log lines
            }
            assertThat(url).as("the owner's server started").startsWith("url=");
            String ownersUrl = url.substring("url=".length());

            long started = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(EmbeddedClusterRefused.class)
                    .hasMessage("Another Strata (pid " + owner.pid() + ") is using the data directory " + dataDir.toAbsolutePath()
                            + " and its embedded database. This Strata did not start, and that one and its database were not touched.");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not after a minute").isLessThan(Duration.ofSeconds(10));

            // the owner's server still takes new connections: it was not asked to shut down
            assertThat(selectOne(ownersUrl, Files.readString(dataDir.resolve(SuperuserPassword.FILE)).strip())).isEqualTo(1);
            assertThat(owner.isAlive()).isTrue();
        } finally {
            owner.getOutputStream().close();
            if (!owner.waitFor(90, TimeUnit.SECONDS)) {
                owner.destroyForcibly();
            }
        }
        // once the owner has stopped, the directory is free again, its data kept
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(selectOne(server.jdbcUrl(), server.password())).isEqualTo(1);
        }
    }

    @Test
    void aSecondServerOnTheDirectoryInTheSameProcessIsRefusedAndTheFirstGoesOn() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir,
                EmbeddedPostgresServer.Durability.NO_FSYNC_FOR_BENCHMARKS, DatabaseSettings.Tuning.defaults())) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(EmbeddedClusterRefused.class)
                    .hasMessageStartingWith("Another Strata (pid " + ProcessHandle.current().pid() + ") is using the data directory");
            assertThat(selectOne(first.jdbcUrl(), first.password())).isEqualTo(1);
            assertThat(Files.readString(dataDir.resolve(DataDirectoryLock.FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(selectOne(again.jdbcUrl(), again.password())).as("the lock went with the first server's stop").isEqualTo(1);
        }
    }

    @Test
    void aClusterWhoseLibraryLockAnotherProcessHoldsIsRefusedWithoutAPid() throws Exception {
        // a Strata from before this lock holds only the embedding library's lock of the cluster: a child JVM locking
        // that file stands in for it
        Path cluster = dataDir.resolve("pg");
        Files.createDirectories(cluster);
        Path libraryLock = cluster.resolve(DataDirectoryLock.LIBRARY_LOCK);
        Files.createFile(libraryLock);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FileLockHolder.class.getName(),
                libraryLock.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine()).isEqualTo("held");
            // (the child's output is its one line)
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(EmbeddedClusterRefused.class)
                    .hasMessageStartingWith("Another program is using the data directory " + dataDir.toAbsolutePath());
            assertThat(Files.list(cluster)).as("nothing started in the cluster").extracting(p -> p.getFileName().toString())
                    .containsExactly(DataDirectoryLock.LIBRARY_LOCK);
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int selectOne(String url, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
