package io.strata.application.segmentation;

/**
 * The database snapshot a run's assignment reads, named so that work running beside it (the run's predictions) can
 * read exactly the same data: an import that commits meanwhile is seen by neither. Valid while the assignment's
 * transaction is open.
 */
public record RunSnapshot(String id) {

    public RunSnapshot {
        // it is written into a statement (a snapshot cannot be a bind parameter): PostgreSQL's form only
        if (id == null || !id.matches("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*")) {
            throw new IllegalArgumentException("not a snapshot id: " + id);
        }
    }
}
