package io.strata.adapters.persistence.database;

import io.strata.application.segmentation.port.out.CpuPriority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Linux CPU priorities (nice values) for the work a run does beside its assignment (issue 20 item 8). The assignment
 * is PostgreSQL's work: a statement and index builds on both cores for part of their time, on one for the rest. The
 * work beside it runs at nice {@link #BESIDE}, so that where it competes with the assignment's processes it yields:
 * <ul>
 * <li>its JVM thread ({@code setpriority} on the thread's id, through {@code renice}; the thread is the work's own and
 * ends with it);</li>
 * <li>the PostgreSQL backend doing its statements ({@link #lowerBackendFor}): it competes with the assignment's backend
 * and parallel workers directly. Only a backend of the embedded server (an external server's process ids are not this
 * machine's), and only where the backend's own priority can be given back before the connection returns to the pool
 * (root or CAP_SYS_NICE, or RLIMIT_NICE).</li>
 * </ul>
 * Not the JVM's scheduling autogroup: where the kernel groups processes by session (the embedded PostgreSQL runs in a
 * session of its own), the JVM as a whole shares the CPU with PostgreSQL as a whole, and its thread's nice only counts
 * against its other threads; lowering the whole JVM was measured and left the predictions' remainder after the
 * assignment longer than what it saved (docs/benchmarks.md, "Session 37: predictions"). Anything not permitted, or
 * without {@code /proc} or {@code renice}, is skipped: the work then runs as before.
 */
@Component
public class ProcessPriority implements CpuPriority, BackendPriority {

    private static final Logger log = LoggerFactory.getLogger(ProcessPriority.class);

    /** The lowest priority: the work beside takes a core only where the assignment leaves it. */
    static final int BESIDE = 19;

    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);

    private final Optional<Path> cluster;

    /** {@code cluster}: the embedded server's data directory, empty for an external server (its backends are left alone). */
    ProcessPriority(Optional<Path> cluster) {
        this.cluster = cluster;
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ProcessPriority(DatabaseConfiguration.EmbeddedDatabase embedded) {
        this(Optional.ofNullable(embedded.server()).map(EmbeddedPostgresServer::dataDirectory));
    }

    @Override
    public Lowered lowerCurrentThread() {
        Optional<String> thread = threadId();
        if (thread.isEmpty() || !renice(BESIDE, thread.get())) {
            return () -> { };
        }
        LOWERED.set(true);
        return () -> LOWERED.set(false);
    }

    @Override
    public <T> T lowerBackendFor(JdbcClient jdbc, Supplier<T> work) {
        if (!LOWERED.get() || cluster.isEmpty()) {
            return work.get();
        }
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        OptionalInt own = ownBackendNice(backend);
        if (own.isEmpty() || !mayRaiseTo(own.getAsInt()) || !renice(BESIDE, String.valueOf(backend))) {
            return work.get();
        }
        try {
            return work.get();
        } finally {
            if (!renice(own.getAsInt(), String.valueOf(backend))) {
                log.warn("the PostgreSQL backend {} stays at nice {}: its priority could not be given back", backend, BESIDE);
            }
        }
    }

    /** The backend's nice value, if it is a backend of this application's embedded server. */
    private OptionalInt ownBackendNice(long backend) {
        Optional<ProcessHandle> postmaster = EmbeddedPostgresServer.StalePostmaster.running(cluster.get());
        Optional<ProcessHandle> process = ProcessHandle.of(backend);
        if (postmaster.isEmpty() || process.isEmpty()
                || process.get().parent().map(p -> p.pid() != postmaster.get().pid()).orElse(true)) {
            return OptionalInt.empty();
        }
        return nice(Path.of("/proc/" + backend + "/stat"));
    }

    /** The calling thread's id in the kernel ("123" of /proc/thread-self → 456/task/123). */
    private static Optional<String> threadId() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Optional.of(self.substring(self.lastIndexOf('/') + 1));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The nice value in a /proc stat file (the 19th field; the name in parentheses may hold spaces). */
    static OptionalInt nice(Path stat) {
        try {
            String text = Files.readString(stat, StandardCharsets.UTF_8);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Whether this process may set a priority back to {@code nice} (raising a priority needs CAP_SYS_NICE, or an
     * RLIMIT_NICE of at least 20 − nice).
     */
    static boolean mayRaiseTo(int nice) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:") && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 23)) != 0) {
                    return true;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max nice priority")) {
                    String soft = line.substring("Max nice priority".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") || 20 - Integer.parseInt(soft) <= nice;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean renice(int nice, String id) {
        try {
            Process renice = new ProcessBuilder("renice", String.valueOf(nice), "-p", id)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
