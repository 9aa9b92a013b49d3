package io.strata.adapters.web.imports;

import io.strata.application.imports.ImportReport;
import io.strata.application.imports.RowError;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's import answer. */
public record ImportReportBody(UUID importId, String entity, String mode, String status, long rowsReceived, long rowsImported,
                               long rowsRejected, long created, long updated, List<RowError> errors, String message,
                               String requestedBy, Instant startedAt, Instant finishedAt) {

    public static ImportReportBody of(ImportReport report) {
        return new ImportReportBody(report.importId(), report.entity().path(), report.mode().wireName(), report.status().name(),
                report.rowsReceived(), report.rowsImported(), report.rowsRejected(), report.created(), report.updated(),
                report.errors(), report.message(), report.requestedBy(), report.startedAt(), report.finishedAt());
    }
}
