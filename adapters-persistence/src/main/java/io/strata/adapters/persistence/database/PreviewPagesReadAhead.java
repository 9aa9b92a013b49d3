package io.strata.adapters.persistence.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the OS to read into its page cache, in the background, the relations that the first previews read whole or
 * nearly whole (issue 19 item 3): {@code customers}, which an attribute preview of a large parent segment scans in full
 * (a parallel sequential scan of 1.35 GB at 10M customers: at a run's very answer it read 173,134 pages, 400 MB/s from
 * the disk, 3.45 s; docs/benchmarks.md, session 42), then {@code orders_customer_idx}, which an order-line preview
 * probes once per member. PostgreSQL's shared buffers hold 256 MB; these pages come from the OS's cache, and on a
 * machine where other data pushed them out the first preview after a start or a run waits on the disk.
 *
 * <p>{@code pg_prewarm(..., 'prefetch')} issues one {@code posix_fadvise(WILLNEED)} per block and returns: the kernel
 * reads while the run goes on with its indexes (CPU-bound, the disk idle), and nothing enters or leaves PostgreSQL's
 * shared buffers. It runs on a daemon thread with a connection of its own, so neither the run nor the start waits for
 * it; it needs the {@code pg_prewarm} extension (changeset 450); without it, or on any error, it does nothing but log.
 */
public final class PreviewPagesReadAhead {

    private static final Logger log = LoggerFactory.getLogger(PreviewPagesReadAhead.class);

    /** In the order they are read ahead: the attribute previews' table first (fixed names of the schema). */
    static final List<String> RELATIONS = List.of("customers", "orders_customer_idx");

    private PreviewPagesReadAhead() {
    }

    /** Starts the read-ahead on a thread of its own and returns at once; {@code after} names the moment, for the log. */
    public static void start(DataSource dataSource, String after) {
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                Map<String, Long> blocks = prefetch(connection);
                log.info("pages read ahead for previews after {}: {} ({} ms to ask)", after, blocks.isEmpty() ? "none (no pg_prewarm)" : blocks,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (SQLException | RuntimeException e) {
                log.warn("pages could not be read ahead for previews after {} (the first previews may read from the disk): {}", after, e.getMessage());
            }
        }, "preview-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks the read-ahead of each relation that exists, in {@link #RELATIONS}' order, on {@code connection}; answers the
     * blocks asked per relation, empty when the extension is not installed.
     */
    static Map<String, Long> prefetch(Connection connection) throws SQLException {
        Map<String, Long> blocks = new LinkedHashMap<>();
        try (PreparedStatement installed = connection.prepareStatement("select exists (select 1 from pg_extension where extname = 'pg_prewarm')");
             ResultSet rs = installed.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return blocks;
            }
        }
        for (String relation : RELATIONS) {
            // to_regclass: a relation missing (an older schema) is skipped, not an error
            try (PreparedStatement prefetch = connection.prepareStatement(
                    "select pg_prewarm(r, 'prefetch') from to_regclass(?) r where r is not null")) {
                prefetch.setString(1, relation);
                try (ResultSet rs = prefetch.executeQuery()) {
                    if (rs.next()) {
                        blocks.put(relation, rs.getLong(1));
                    }
                }
            }
        }
        return blocks;
    }
}
