package io.strata.adapters.persistence.imports;

/**
 * The imports' merge lock, a transaction-level advisory lock: an import takes it exclusively for its merge (and, on a
 * first bulk load, with {@code NOWAIT} beside the tables it drops the indexes of), so merges run one after the other.
 * An erasure takes it shared ({@link #ERASURES_WAIT_FOR_MERGES}): erasures do not wait for one another here, but an
 * import's merge and an erasure never overlap.
 */
public final class MergeLock {

    /** The advisory lock's key. */
    static final long KEY = 0x5374726174614dL;

    /**
     * Taken by an erasure as the first lock of its transaction, holding nothing else, and kept to its commit: a merge
     * under way (with whatever tables it holds) finishes first and its rows of the customer are then erased; a merge
     * that comes after it reads the customer as gone and creates it anew. Without it an events merge that read the
     * customer before the erasure deleted it failed on {@code events_customer_key_fkey} (a 503), and an orders merge
     * (no such key) left orders, lines and purchase facts of the erased customer.
     */
    public static final String ERASURES_WAIT_FOR_MERGES = "select pg_advisory_xact_lock_shared(" + KEY + ")";

    private MergeLock() {
    }
}
