package io.strata.application.imports;

/**
 * Points in an import where a test may watch or hold it: so a test can force two imports to overlap, or see progress
 * saved, instead of sleeping and hoping the machine is fast enough. The application runs with {@link #NONE}, which
 * does nothing; only the bootstrap tests register another.
 */
public interface ImportCheckpoints {

    ImportCheckpoints NONE = new ImportCheckpoints() {
    };

    /** The import is recorded as running and about to read its first row; its progress interval starts now. */
    default void reading(ImportReport running) {
    }

    /** Progress was saved. */
    default void progressSaved(ImportReport progress) {
    }

    /** Every row is read and staged; the merge (which waits for other imports' merges) comes next. */
    default void beforeMerge(ImportReport running) {
    }
}
