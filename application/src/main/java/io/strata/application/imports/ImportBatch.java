package io.strata.application.imports;

/**
 * Out-port: one import's rows streamed into the database's staging area inside one transaction, then merged
 * set-based. Closing a batch that was not committed rolls everything back.
 */
public interface ImportBatch<T> extends AutoCloseable {

    void add(T row);

    /**
     * A row of this unit (an order) was invalid: in lenient mode the unit's valid rows are left out too, since a unit
     * is written whole or not at all.
     */
    default void leaveOut(String unit) {
    }

    /** Checks what only the whole file can show, then merges; rows in {@code errors} are left out. */
    MergeOutcome merge();

    /** Errors that need the whole file (e.g. lines of one order naming two customers), before anything is merged. */
    java.util.List<RowError> crossRowErrors();

    void commit();

    @Override
    void close();

    record MergeOutcome(long imported, long created, long updated) {
    }
}
