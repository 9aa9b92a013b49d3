package io.strata.application.imports.port.out;

import io.strata.application.imports.CrossRowCheck;
import io.strata.application.imports.MergeOutcome;
import io.strata.application.imports.RowError;
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
}
