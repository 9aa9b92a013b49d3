package io.strata.adapters.persistence.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Watches the library's start of the embedded server for a server that died in its start. The library runs
 * {@code pg_ctl -w start}, which returns once the server takes connections or has died, but it ignores how pg_ctl ended
 * and polls for a connection for its whole wait (a minute): a setting PostgreSQL refuses (a typo in a hand-edited
 * {@code postgresql.conf}) kept a start hanging that long, with PostgreSQL's words nowhere. This watch sees pg_ctl (a
 * child of this JVM) end while no server of the cluster runs, and interrupts the starting thread; the library's wait
 * returns on an interrupt, and the start is then refused with the last lines pg_ctl and the server wrote
 * ({@link #START_OUTPUT}: the library's processes write there rather than to a logger that is off).
 */
final class ServerStartWatch implements AutoCloseable {

    /** In STRATA_DATA_DIR, beside the cluster (initdb wants the cluster's directory empty); written anew at each start. */
    static final String START_OUTPUT = "pg-start.log";

    private static final int LINES_SHOWN = 8;
    /** How long the end of a start waits at most for the watch to end. */
    private static final java.time.Duration WATCH_END = java.time.Duration.ofSeconds(2);

    /** What pg_ctl writes last when the server it started died before taking connections. */
    private static final String PG_CTL_GAVE_UP = "pg_ctl: could not start server";

    private final Path cluster;
    private final Path startOutput;
    private final Thread starting;
    private final Thread watching;
    private volatile boolean serverDied;
    private volatile boolean done;

    private ServerStartWatch(Path cluster, Path startOutput, Thread starting) {
        this.cluster = cluster;
        this.startOutput = startOutput;
        this.starting = starting;
        this.watching = new Thread(this::watch, "embedded-postgres-start-watch");
        this.watching.setDaemon(true);
    }

    /**
     * Begins watching for the current thread, which is about to start the server on {@code cluster}, pg_ctl writing to
     * {@code startOutput}.
     */
    static ServerStartWatch begin(Path cluster, Path startOutput) {
        ServerStartWatch watch = new ServerStartWatch(cluster, startOutput, Thread.currentThread());
        watch.watching.start();
        return watch;
    }

    private void watch() {
        try {
            Optional<ProcessHandle> pgCtl = Optional.empty();
            boolean gaveUp = false;
            while (!done && pgCtl.isEmpty() && !gaveUp) {
                pgCtl = ProcessHandle.current().children().filter(this::startsThisCluster).findFirst();
                if (pgCtl.isEmpty()) {
                    // a pg_ctl that ended between two looks (a server refusing its settings dies in a few milliseconds,
                    // and a busy machine may not show the process before it ends) is known by its last line
                    gaveUp = pgCtlGaveUp();
                    if (!gaveUp) {
                        Thread.sleep(50);
                    }
                }
            }
            if (done) {
                return;
            }
            if (pgCtl.isPresent()) {
                pgCtl.get().onExit().join();
            }
            if (!done && EmbeddedPostgresServer.StalePostmaster.running(cluster).isEmpty()) {
                serverDied = true;
                starting.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a watch that cannot look leaves the library's own wait as it was
        }
    }

    private boolean pgCtlGaveUp() {
        try {
            return Files.isRegularFile(startOutput) && Files.readString(startOutput, StandardCharsets.UTF_8).contains(PG_CTL_GAVE_UP);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean startsThisCluster(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        boolean pgCtl = info.command().map(command -> command.endsWith("/pg_ctl") || command.endsWith("\\pg_ctl.exe")).orElse(false);
        // arguments are not shown on every system; the command alone is enough where they are not
        return pgCtl && info.arguments().map(arguments -> List.of(arguments).contains(cluster.toString())).orElse(true);
    }

    /**
     * Ends the watch once the library's start returned: true if the server died in its start (the interrupt it caused
     * is then cleared from the starting thread, which goes on to refuse the start).
     */
    boolean serverDied() {
        done = true;
        watching.interrupt();
        // the watch may be between seeing pg_ctl end and interrupting this thread: it is waited for, so that its interrupt
        // never lands later, on whatever this thread does next (pg_ctl ends about when the server is ready, so this is
        // a moment; bounded all the same)
        boolean interrupted = false;
        long deadline = System.nanoTime() + WATCH_END.toNanos();
        while (watching.isAlive() && System.nanoTime() < deadline) {
            try {
                watching.join(Math.max(1, WATCH_END.toMillis() / 20));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (serverDied) {
            Thread.interrupted(); // the watch's own interrupt, which ended the library's wait
            return true;
        }
        if (interrupted || Thread.interrupted()) {
            Thread.currentThread().interrupt(); // someone else's: kept
        }
        return false;
    }

    /** The last lines pg_ctl and the server wrote before the server's own log opened, or a pointer to it. */
    static String lastWords(Path startOutput) {
        try {
            List<String> lines = Files.readAllLines(startOutput, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) {
                return "PostgreSQL wrote nothing to " + startOutput;
            }
            return "PostgreSQL said: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - LINES_SHOWN), lines.size()));
        } catch (IOException e) {
            return "its words would be in " + startOutput + ", which could not be read (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        done = true;
        watching.interrupt();
    }
}
