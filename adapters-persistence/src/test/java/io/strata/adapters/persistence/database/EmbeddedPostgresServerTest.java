package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    /** One test for both (each new cluster costs an initdb and a start): commits reach the disk, and a restart finds them. */
    @Test
    void commitsReachTheDiskBeforeTheyAreReportedAndARestartFindsThem() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            // the library's own defaults (-F, synchronous_commit=off) would lose reported imports in a power cut
            assertThat(queryOne(server, "show fsync")).isEqualTo("on");
            assertThat(queryOne(server, "show synchronous_commit")).isEqualTo("on");
            assertThat(queryOne(server, "show full_page_writes")).isEqualTo("on");
            execute(server, "create table kept (v text); insert into kept values ('survives')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(server, "select v from kept")).isEqualTo("survives");
        }
    }

    @Test
    void onlyTheBenchmarkSettingTurnsFlushingOff() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir,
                EmbeddedPostgresServer.Durability.NO_FSYNC_FOR_BENCHMARKS, DatabaseSettings.Tuning.defaults())) {
            assertThat(queryOne(server, "show fsync")).isEqualTo("off");
            assertThat(queryOne(server, "show synchronous_commit")).isEqualTo("off");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(server, "show fsync")).isEqualTo("on");
        }
    }

    @Test
    void aStalePostmasterPidLeftByAKilledRunIsRecovered() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "create table kept (v text); insert into kept values ('after crash')");
        }
        // a kill -9 leaves postmaster.pid behind; its pid names no running process
        Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
        Files.writeString(pidFile, "999999\n" + dataDir.resolve("pg") + "\n1700000000\n5432\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(server, "select v from kept")).isEqualTo("after crash");
        }
    }

    @Test
    void aServerOrphanedByAKilledJvmIsStoppedAndItsDataKept() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KilledOwner.class.getName(),
                dataDir.toString()).inheritIO().start();
        assertThat(owner.waitFor()).isZero();
        assertThat(dataDir.resolve("pg").resolve("postmaster.pid")).exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(server, "select v from kept")).isEqualTo("orphaned");
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
