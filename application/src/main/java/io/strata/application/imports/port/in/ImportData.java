package io.strata.application.imports.port.in;

import io.strata.application.imports.ImportReport;
import io.strata.application.imports.ImportCommand;
import io.strata.application.imports.UnreadableInput;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** In-port: bring customers, orders or events in from a file, and read what earlier imports did. */
public interface ImportData {

    /** Runs the import to its end; throws {@link UnreadableInput} when the body cannot be read (nothing is written). */
    ImportReport importRows(ImportCommand command);

    Optional<ImportReport> findImport(UUID importId);

    /** The newest imports first. */
    default List<ImportReport> recentImports(int limit) {
        return recentImports(null, limit);
    }

    /**
     * A page of the import history, newest first: the imports after {@code before} in that order ({@code null}: from
     * the newest; an id no import has: none), at most {@code limit}.
     */
    List<ImportReport> recentImports(UUID before, int limit);
}
