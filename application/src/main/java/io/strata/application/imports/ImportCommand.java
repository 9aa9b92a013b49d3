package io.strata.application.imports;

import java.util.Objects;

/** Import one body of one entity; the rows are read lazily while the import runs. */
public record ImportCommand(ImportEntity entity, ImportMode mode, SourceRows rows, String requestedBy) {

    public ImportCommand {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rows, "rows");
        requestedBy = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
    }
}
