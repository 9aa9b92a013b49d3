package io.strata.adapters.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server whose cluster lives in a directory of ours and survives restarts.
 * The cluster is created once (initdb only when the directory holds none) and never re-initialised.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final DataDirectoryLock lock;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, DataDirectoryLock lock, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.password = password;
    }

    /** A durable server: what a user's data needs. */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, Durability.DURABLE, DatabaseSettings.Tuning.defaults());
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, Durability durability, DatabaseSettings.Tuning tuning) {
        Path cluster = dataDirectory.toAbsolutePath().resolve("pg");
        DataDirectoryLock lock = null;
        try {
            // first of all: a server on a directory another Strata holds is that Strata's, never an orphan to stop
            lock = DataDirectoryLock.take(dataDirectory.toAbsolutePath(), cluster);
            Files.createDirectories(cluster);
            ClusterVersion.check(cluster);
            String password = superuserPassword(dataDirectory.toAbsolutePath(), cluster);
            StalePostmaster.recover(cluster);
            if (durability == Durability.NO_FSYNC_FOR_BENCHMARKS) {
                log.warn("The embedded PostgreSQL runs WITHOUT fsync and synchronous commit (benchmark setting):"
                        + " a crash of the machine can lose committed imports or corrupt {}", cluster);
            }
            // initdb's and pg_ctl's output, and the server's before its own log opens (a setting it refuses): the
            // library would pipe them to a logger that is off
            Path startOutput = dataDirectory.toAbsolutePath().resolve(ServerStartWatch.START_OUTPUT);
            Files.deleteIfExists(startOutput);
            EmbeddedPostgres postgres;
            try (ServerStartWatch watch = ServerStartWatch.begin(cluster, startOutput)) {
                try {
                    postgres = builder(cluster, password, durability, tuning)
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(startOutput.toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(startOutput.toFile()))
                            .start();
                } catch (IOException | RuntimeException libraryFailed) {
                    // initdb or pg_ctl ended in failure ("Process [...] failed"), or the library's wait ran out: the
                    // library's sentence names a command line, PostgreSQL's own lines say why
                    String said = ServerStartWatch.lastWords(startOutput);
                    throw EmbeddedClusterRefused.notStarted(cluster, libraryFailed instanceof IOException
                            ? "it took no connection within the library's wait (" + libraryFailed.getMessage() + "); " + said : said, libraryFailed);
                }
                if (watch.serverDied()) {
                    // read before the library's close, whose pg_ctl stop adds its own lines about the missing server
                    String words = ServerStartWatch.lastWords(startOutput);
                    postgres.close(); // the library's own hold on the cluster
                    throw EmbeddedClusterRefused.diedInStart(cluster, words);
                }
            }
            try {
                ClientAuthentication.requirePassword(postgres, cluster, password);
            } catch (IOException | RuntimeException e) {
                postgres.close(); // not left running without this process's hold on the directory
                throw e;
            }
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), cluster);
            return new EmbeddedPostgresServer(postgres, cluster, lock, password);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e instanceof IOException io ? EmbeddedClusterRefused.notStarted(cluster, EmbeddedClusterRefused.said(io), io) : (RuntimeException) e;
        }
    }

    /** The library's start of the cluster with Strata's settings. */
    private static EmbeddedPostgres.Builder builder(Path cluster, String password, Durability durability, DatabaseSettings.Tuning tuning) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                // the library's own look at the started server, and every connection of ours, give the password
                .setConnectConfig("password", password)
                .setPGStartupWait(Duration.ofSeconds(60))
                // stopped by close(), after the pool, once the application has finished its requests (a graceful
                // shutdown): the library's own JVM hook ran pg_ctl stop at the signal, beside that drain, so a
                // SIGTERM failed the imports and runs it was meant to let finish (session 56)
                .setRegisterShutdownHook(false)
                // sized for bulk imports and set-based runs on a small machine
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("work_mem", DatabaseSettings.Tuning.setting(tuning.serverWorkMem()))
                .setServerConfig("maintenance_work_mem", DatabaseSettings.Tuning.setting(tuning.serverMaintenanceWorkMem()))
                .setServerConfig("temp_buffers", "64MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setServerConfig("max_connections", "100")
                .setServerConfig("jit", "off")
                .setServerConfig("listen_addresses", "localhost")
                // PostgreSQL's own log kept beside its data (the library pipes it to a logger that is off by
                // default): a week of it, one file per weekday, overwritten seven days later
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", SERVER_LOG_DIRECTORY)
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_truncate_on_rotation", "on")
                .setServerConfig("log_rotation_age", "1d")
                .setServerConfig("log_rotation_size", "0")
                .setServerConfig("log_timezone", "UTC")
                // the library starts the server with -F and synchronous_commit=off, defaults meant for
                // throw-away test databases; a later -c wins over -F, so a user's data is flushed again
                .setServerConfig("fsync", durability.fsync())
                .setServerConfig("synchronous_commit", durability.synchronousCommit());
    }

    /**
     * The data directory's superuser password; a new one for a new cluster or one that still trusts its connections.
     * A cluster that asks for a password whose password file is gone cannot be opened: refused at once, rather than
     * after the library's minute of refused logins.
     */
    private static String superuserPassword(Path dataDirectory, Path cluster) throws IOException {
        boolean asksForOne = Files.exists(cluster.resolve("pg_hba.conf")) && !ClientAuthentication.trustsAnyone(cluster);
        if (asksForOne && SuperuserPassword.kept(dataDirectory).isEmpty()) {
            throw EmbeddedClusterRefused.passwordMissing(dataDirectory.resolve(SuperuserPassword.FILE));
        }
        return SuperuserPassword.keptOrMade(dataDirectory);
    }

    /** Where in the cluster PostgreSQL keeps its own log (STRATA_DATA_DIR/pg/log). */
    public static final String SERVER_LOG_DIRECTORY = "log";

    /** Whether commits reach the disk before they are reported: always, except in benchmarks that say so. */
    public enum Durability {
        DURABLE("on", "on"),
        NO_FSYNC_FOR_BENCHMARKS("off", "off");

        private final String fsync;
        private final String synchronousCommit;

        Durability(String fsync, String synchronousCommit) {
            this.fsync = fsync;
            this.synchronousCommit = synchronousCommit;
        }

        String fsync() {
            return fsync;
        }

        String synchronousCommit() {
            return synchronousCommit;
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    /** The superuser's password (kept in STRATA_DATA_DIR/{@value SuperuserPassword#FILE}); never in the URL, so never logged with it. */
    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the server and returns once its postmaster has exited. The library's {@code pg_ctl stop} gives up after
     * 5 s, while a loaded machine's shutdown (sessions ended, a checkpoint written) can take longer: returning then
     * let a test JVM delete the cluster under a server still shutting down, which lived on for minutes orphaned.
     */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = StalePostmaster.running(dataDirectory);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not confirm its stop: {}", e.getMessage());
        }
        if (postmaster.isPresent() && !StalePostmaster.awaitExit(postmaster.get(), SHUTDOWN_WAIT)) {
            // the directory stays held by this process until it ends: a Strata started meanwhile is refused rather
            // than left to take the server still shutting down for an orphan
            log.warn("Embedded PostgreSQL (pid {}) still runs {} after it was asked to stop; it goes on shutting down alone",
                    postmaster.get().pid(), SHUTDOWN_WAIT);
            return;
        }
        lock.close();
        log.info("Embedded PostgreSQL stopped");
    }

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    /** After a kill -9 the cluster keeps postmaster.pid, and the server it names may still run orphaned. */
    static final class StalePostmaster {

        private StalePostmaster() {
        }

        static void recover(Path cluster) throws IOException {
            Path pidFile = cluster.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            Optional<ProcessHandle> running = running(cluster);
            if (running.isPresent()) {
                log.warn("A PostgreSQL server (pid {}) from an earlier run still holds {}; stopping it", running.get().pid(), cluster);
                running.get().destroy(); // SIGTERM: smart shutdown, the cluster stays consistent
                if (!awaitExit(running.get(), Duration.ofSeconds(60))) {
                    throw new IOException("The earlier PostgreSQL server (pid " + running.get().pid()
                            + ") did not stop within 60 s; stop it and start again");
                }
            } else {
                log.warn("Removing stale {} left by a server that no longer runs", pidFile);
            }
            Files.deleteIfExists(pidFile);
        }

        /** The postmaster that postmaster.pid in this cluster names, if it runs. */
        static Optional<ProcessHandle> running(Path cluster) {
            try {
                List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
                return (lines.isEmpty() ? Optional.<Long>empty() : parsePid(lines.get(0)))
                        .flatMap(ProcessHandle::of)
                        .filter(p -> p.isAlive() && isPostgres(p));
            } catch (IOException e) {
                return Optional.empty(); // no pid file: no server holds the cluster
            }
        }

        static boolean awaitExit(ProcessHandle process, Duration wait) {
            try {
                process.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            } catch (java.util.concurrent.ExecutionException e) {
                return !process.isAlive();
            }
        }

        private static Optional<Long> parsePid(String line) {
            try {
                return Optional.of(Long.parseLong(line.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static boolean isPostgres(ProcessHandle process) {
            return process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
        }
    }
}
