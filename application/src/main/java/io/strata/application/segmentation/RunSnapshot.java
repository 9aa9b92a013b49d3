package io.strata.application.segmentation;

/**
 * The database snapshot a run's assignment reads, named so that work running beside it (the run's predictions) can
 * read exactly the same data: an import that commits meanwhile is seen by neither. Valid while the assignment's
 * transaction is open. {@code buyersCarried}: the assignment writes every buyer's pattern as the prediction models see
 * it (x, t_x and T in days, the repeat average) into its own rows, so that the predictions need no buyer table of
 * their own (docs/predictions.md, "Storage"); the engine decides it on this snapshot, once, for both. {@code pace}: how
 * the work beside gives way to the assignment while its statement keeps both cores busy ({@link AssignmentPace}).
 */
public record RunSnapshot(String id, boolean buyersCarried, AssignmentPace pace) {

    public RunSnapshot {
        // it is written into a statement (a snapshot cannot be a bind parameter): PostgreSQL's form only
        if (id == null || !id.matches("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*")) {
            throw new IllegalArgumentException("not a snapshot id: " + id);
        }
        if (pace == null) {
            throw new IllegalArgumentException("a snapshot needs a pace (AssignmentPace.NONE: never waits)");
        }
    }

    /** A snapshot whose assignment is not watched: the work beside it never waits. */
    public RunSnapshot(String id, boolean buyersCarried) {
        this(id, buyersCarried, AssignmentPace.NONE);
    }

    /** A snapshot whose assignment carries no buyer patterns. */
    public RunSnapshot(String id) {
        this(id, false, AssignmentPace.NONE);
    }
}
