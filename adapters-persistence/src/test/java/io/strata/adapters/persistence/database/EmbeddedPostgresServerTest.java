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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /**
     * A setting the server refuses (a typo in a hand-edited postgresql.conf) ends the server in its start: the library
     * used to poll for a connection for its whole minute and the report had none of PostgreSQL's words. Now the start is
     * refused as soon as pg_ctl has given up, with the server's own lines, and the cluster is left as it was: corrected,
     * it starts again and keeps its data.
     */
    @Test
    void aSettingTheServerRefusesStopsTheStartAtOnceWithPostgresqlsWords() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "create table kept (v text); insert into kept values ('survives')");
        }
        Path conf = dataDir.resolve("pg").resolve("postgresql.conf");
        String written = Files.readString(conf);
        Files.writeString(conf, written + "\nshared_buffers = lots\n");

        long started = System.nanoTime();
        EmbeddedClusterRefused refused = org.junit.jupiter.api.Assertions.assertThrows(EmbeddedClusterRefused.class,
                () -> EmbeddedPostgresServer.start(dataDir).close());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(refused.getMessage()).startsWith("The embedded PostgreSQL stopped during its start in " + dataDir.resolve("pg").toAbsolutePath())
                .contains("invalid value for parameter \"shared_buffers\": \"lots\"")
                .contains("postgresql.conf\" contains errors");
        assertThat(refused.action()).contains(dataDir.resolve("pg-start.log").toAbsolutePath().toString());
        // the library's own wait is a minute; half of it is far beyond a start that was refused at once
        assertThat(seconds).as("seconds until the refusal").isLessThan(30);
        assertThat(Files.exists(dataDir.resolve("pg").resolve("postmaster.pid"))).isFalse();

        Files.writeString(conf, written);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(server, "select v from kept")).isEqualTo("survives");
        }
    }

    /**
     * A directory in the cluster's place that holds something else (files left by hand, a half-restored backup): the
     * library's initdb refuses it, and the start used to end in a wall of stack traces naming only "Process [... initdb
     * ...] failed". Now the report quotes initdb, and nothing in the directory is touched.
     */
    @Test
    void aClusterDirectoryHoldingSomethingElseIsRefusedWithInitdbsWords() throws Exception {
        Path cluster = dataDir.resolve("pg");
        Files.createDirectories(cluster);
        Files.writeString(cluster.resolve("notes.txt"), "kept");

        EmbeddedClusterRefused refused = org.junit.jupiter.api.Assertions.assertThrows(EmbeddedClusterRefused.class,
                () -> EmbeddedPostgresServer.start(dataDir).close());

        assertThat(refused.getMessage()).startsWith("The embedded PostgreSQL did not start in " + cluster.toAbsolutePath() + ": PostgreSQL said: ")
                .contains("exists but is not empty");
        assertThat(Files.readString(cluster.resolve("notes.txt"))).isEqualTo("kept");
        try (var files = Files.list(cluster)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
    }

    /** STRATA_DATA_DIR naming a file: the report said only the path ("did not start in …/pg: …/strata-data."). */
    @Test
    void aDataDirectoryThatIsAFileIsSaidSo() throws Exception {
        Path file = dataDir.resolve("strata-data");
        Files.writeString(file, "not a directory");

        EmbeddedClusterRefused refused = org.junit.jupiter.api.Assertions.assertThrows(EmbeddedClusterRefused.class,
                () -> EmbeddedPostgresServer.start(file).close());

        assertThat(refused.getMessage()).isEqualTo("The embedded PostgreSQL did not start in " + file.toAbsolutePath().resolve("pg") + ": "
                + file.toAbsolutePath() + " exists and is not a directory.");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    /**
     * PostgreSQL's own words (a disk full, a crash and its recovery, a refused statement) are kept in the cluster's
     * log directory, one file per weekday: the library pipes them to a logger that is off by default, so before
     * session 56 they were lost.
     */
    @Test
    void theServersOwnLogIsKeptInTheClusterOneFilePerWeekday() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            String marker = "strata_log_marker_" + System.nanoTime();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement()) {
                s.execute("select " + marker + " from nowhere");
            } catch (java.sql.SQLException expected) {
                assertThat(expected.getMessage()).contains("nowhere");
            }
            Path logs = dataDir.resolve("pg").resolve("log");
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            // the server's clock and ours may straddle midnight: today's or yesterday's file
            java.util.Set<String> names = java.util.Set.of(weekdayFile(today), weekdayFile(today.minusDays(1)));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            String kept = "";
            while (!kept.contains(marker) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                kept = "";
                for (String name : names) {
                    Path file = logs.resolve(name);
                    kept += Files.exists(file) ? Files.readString(file) : "";
                }
            }
            assertThat(kept).contains("relation \"nowhere\" does not exist").contains(marker);
            assertThat(queryOne(server, "show log_truncate_on_rotation")).isEqualTo("on");
        }
    }

    private static String weekdayFile(java.time.LocalDate day) {
        return "postgresql-" + day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH) + ".log";
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

    /**
     * A SIGTERM stops the server only when its owner closes it, after the requests under way have finished (the
     * application's graceful shutdown). The library registers a JVM hook of its own by default, which ran
     * {@code pg_ctl stop} at the signal, beside Spring's: an import or a run under way lost its database at once and
     * failed (session 56's probe: a 400,000-line import and a run, each stopped by a SIGTERM, answered 503).
     */
    @Test
    void aSigtermLeavesTheServerToItsOwnerUntilItClosesIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoppedOwner.class.getName(),
                dataDir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
            lines.add(line);
        }
        signal("TERM", owner.pid()); // Process.destroy would close the stream read below
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        assertThat(owner.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).as("what the owner printed").contains("after the signal: answered", "closed");
        assertThat(dataDir.resolve("pg").resolve("postmaster.pid")).as("the server stopped with its owner").doesNotExist();
    }

    /**
     * The library's pg_ctl stop gives up after 5 s; close must still return only once the server is gone, or a test
     * JVM deletes the cluster under a server that lives on orphaned. A postmaster held still (SIGSTOP) for 8 s
     * stands in for a shutdown slowed by a loaded machine.
     */
    @Test
    void closeReturnsOnlyOnceTheServerHasExitedEvenWhenItsShutdownOutlastsPgCtl() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir,
                EmbeddedPostgresServer.Durability.NO_FSYNC_FOR_BENCHMARKS, DatabaseSettings.Tuning.defaults());
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        signal("STOP", pid);
        Thread resume = new Thread(() -> {
            try {
                Thread.sleep(8_000);
                signal("CONT", pid);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        resume.start();
        try {
            long started = System.nanoTime();
            server.close();
            assertThat(postmaster.isAlive()).as("postmaster alive when close returned").isFalse();
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(java.time.Duration.ofSeconds(7));
        } finally {
            resume.join();
            if (postmaster.isAlive()) {
                postmaster.destroyForcibly();
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
