package io.strata.application.imports;

import java.util.Objects;
import java.util.UUID;

/**
 * Import one body of one entity; the rows are read lazily while the import runs. {@code importId} may be chosen by
 * the caller (the console does, so that the page can follow the import's progress while the upload request is still
 * running); it must not be the id of an earlier import. Without one, a new id is drawn.
 */
public record ImportCommand(ImportEntity entity, ImportMode mode, SourceRows rows, String requestedBy, UUID importId) {

    public ImportCommand {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rows, "rows");
        requestedBy = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
        importId = importId == null ? UUID.randomUUID() : importId;
    }

    public ImportCommand(ImportEntity entity, ImportMode mode, SourceRows rows, String requestedBy) {
        this(entity, mode, rows, requestedBy, null);
    }
}
