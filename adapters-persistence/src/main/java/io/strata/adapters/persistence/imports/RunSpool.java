package io.strata.adapters.persistence.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The summaries of an import's line runs, spooled in COPY format to a temporary file while the lines stream (the
 * connection is busy with their COPY) and copied into {@code stage_orders} once the lines are in.
 */
final class RunSpool implements AutoCloseable {

    /** The columns of {@code stage_orders} a spooled row fills, in order. */
    static final String COPY_INTO_STAGE = "copy stage_orders (order_key, order_id, customer_id, ordered_at, total, line_count, "
            + "first_line, repeated, left_out, ordered_at_text, categories) from stdin";

    private final Path file;
    private final OutputStream out;
    private final CopyStream rows;
    private long spooled;
    private boolean anyRepeated;

    RunSpool() {
        try {
            file = Files.createTempFile("strata-order-runs-", ".copy");
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the import's spool file: " + e.getMessage(), e);
        }
        rows = new CopyStream(out);
    }

    /** One row of stage_orders. */
    void add(LineRuns.Run run) {
        try {
            (run.leftOut() ? rows.field((String) null) : rows.field(run.key())).field(run.orderId()).field(run.customerId())
                    .field(run.orderedAt()).field(run.total()).field(run.lines()).field(run.firstLine())
                    .field(run.repeated() ? "t" : "f").field(run.leftOut() ? "t" : "f").field(run.orderedAtText())
                    .field(run.categoriesLiteral()).endRow();
            spooled++;
            anyRepeated |= run.repeated();
        } catch (SQLException e) {
            throw new IllegalStateException("could not spool an order: " + e.getMessage(), e);
        }
    }

    /** The rows spooled so far. */
    long rows() {
        return spooled;
    }

    /** Whether a run was spooled as possibly repeating an order (or as a marker): only then is there a check. */
    boolean anyRepeated() {
        return anyRepeated;
    }

    /** Ends the spool and reads it back, for a COPY of {@link #COPY_INTO_STAGE}. */
    InputStream readBack() throws SQLException, IOException {
        rows.finish();
        out.close();
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        rows.close();
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it up
        }
    }
}
