package io.strata.application.imports.port.out;

import io.strata.application.imports.ImportReport;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: the persisted history of imports, written as they start, progress and end. */
public interface ImportRecords {

    void save(ImportReport report);

    Optional<ImportReport> find(UUID importId);

    /**
     * The newest imports first (by start, then id): those after {@code before} in that order ({@code null}: from the
     * newest; an id no import has: none), at most {@code limit}.
     */
    List<ImportReport> recent(UUID before, int limit);
}
