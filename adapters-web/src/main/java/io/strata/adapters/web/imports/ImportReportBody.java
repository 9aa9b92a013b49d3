package io.strata.adapters.web.imports;

import io.strata.application.imports.ImportReport;
import io.strata.application.imports.RowError;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's import answer. */
public record ImportReportBody(UUID importId, String entity, String mode, String status, long rowsReceived, long rowsImported,
                               long rowsRejected, long created, long updated, List<ErrorBody> errors, String message,
                               String requestedBy, Instant startedAt, Instant finishedAt) {

    public static ImportReportBody of(ImportReport report) {
        return new ImportReportBody(report.importId(), report.entity().path(), report.mode().wireName(), report.status().name(),
                report.rowsReceived(), report.rowsImported(), report.rowsRejected(), report.created(), report.updated(),
                report.errors().stream().map(ErrorBody::of).toList(), report.message(), report.requestedBy(), report.startedAt(),
                report.finishedAt());
    }

    /** The contract's {line, column, value, message}, and whether the value was cut. */
    public record ErrorBody(
            @Schema(description = "The physical line in the file; the CSV header is line 1") long line,
            String column,
            @Schema(description = "The value as sent; one of more than " + RowError.MAX_VALUE_LENGTH + " characters is cut to its first "
                    + RowError.MAX_VALUE_LENGTH + " and a trailing …") String value,
            @Schema(description = "What is wrong and how to fix it; a value it quotes is cut like 'value'") String message,
            @Schema(description = "true when 'value' is the beginning of a longer value") boolean valueCut,
            @Schema(description = "How many characters the value had as sent; null when the error names no value") Integer valueLength) {

        static ErrorBody of(RowError error) {
            return new ErrorBody(error.line(), error.column(), error.value(), error.message(), error.valueCut(), error.valueLength());
        }
    }
}
