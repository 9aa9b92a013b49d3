package io.strata.application.imports;

import io.strata.application.audit.AuditEntry;

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

    /** What needs the whole file (e.g. lines of one order naming two customers), checked before anything is merged. */
    CrossRowCheck crossRowCheck();

    /**
     * Commits the merged rows together with the import's audit entry, in the batch's one transaction: the trail names
     * every committed import and none that was rolled back.
     */
    void commit(AuditEntry entry);

    @Override
    void close();

    record MergeOutcome(long imported, long created, long updated) {
    }

    /**
     * The first errors that only the whole file shows, and how many otherwise valid rows they leave out (which can be
     * more than the errors listed).
     */
    record CrossRowCheck(java.util.List<RowError> errors, long rejectedRows) {

        public CrossRowCheck {
            errors = java.util.List.copyOf(errors);
        }

        public static CrossRowCheck none() {
            return new CrossRowCheck(java.util.List.of(), 0);
        }
    }
}
