package io.strata.application.imports.port.out;

import io.strata.application.imports.ImportReport;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: the persisted history of imports, written as they start, progress and end. */
public interface ImportRecords {

    void save(ImportReport report);

    Optional<ImportReport> find(UUID importId);

    List<ImportReport> recent(int limit);
}
