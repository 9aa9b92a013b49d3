package io.strata.application.imports;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** What an import did, as the contract's answer body and the history show it. */
public record ImportReport(UUID importId, ImportEntity entity, ImportMode mode, ImportStatus status, String requestedBy,
                           Instant startedAt, Instant finishedAt, long rowsReceived, long rowsImported, long rowsRejected,
                           long created, long updated, List<RowError> errors, String message) {

    /** The contract keeps at most the first 1000 errors. */
    public static final int MAX_ERRORS = 1000;

    /**
     * The times are kept to the microsecond, as PostgreSQL keeps them: the answer to the POST and
     * {@code GET /api/v1/imports/{importId}} (read back from the table) are the same, as the contract says. Before, the
     * POST answered the clock's nanoseconds (12:29:00.165407789Z) and the GET PostgreSQL's rounding of them (12:29:00.165408Z).
     */
    public ImportReport {
        startedAt = startedAt == null ? null : startedAt.truncatedTo(ChronoUnit.MICROS);
        finishedAt = finishedAt == null ? null : finishedAt.truncatedTo(ChronoUnit.MICROS);
        errors = List.copyOf(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        message = ControlCharacters.storable(message);
    }

    public static ImportReport running(UUID id, ImportEntity entity, ImportMode mode, String requestedBy, Instant startedAt) {
        return new ImportReport(id, entity, mode, ImportStatus.RUNNING, requestedBy, startedAt, null, 0, 0, 0, 0, 0, List.of(), null);
    }

    public ImportReport progress(long received, long rejected) {
        return new ImportReport(importId, entity, mode, status, requestedBy, startedAt, finishedAt, received, rowsImported,
                rejected, created, updated, errors, message);
    }
}
