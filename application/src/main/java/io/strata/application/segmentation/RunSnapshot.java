package io.strata.application.segmentation;

/**
 * The database snapshot a run's assignment reads, named so that work running beside it (the run's predictions) can
 * read exactly the same data: an import that commits meanwhile is seen by neither. Valid while the assignment's
 * transaction is open. {@code buyersCarried}: the assignment writes every buyer's pattern as the prediction models see
 * it (x, t_x and T in days, the repeat average) into its own rows, so that the predictions need no buyer table of
 * their own (docs/predictions.md, "Storage"); the engine decides it on this snapshot, once, for both.
 */
public record RunSnapshot(String id, boolean buyersCarried) {

    public RunSnapshot {
        // it is written into a statement (a snapshot cannot be a bind parameter): PostgreSQL's form only
        if (id == null || !id.matches("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*")) {
            throw new IllegalArgumentException("not a snapshot id: " + id);
        }
    }

    /** A snapshot whose assignment carries no buyer patterns. */
    public RunSnapshot(String id) {
        this(id, false);
    }
}
