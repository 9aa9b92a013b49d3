package io.strata.application.imports;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;

/** What the audit trail keeps of an import: who sent which entity in which mode, how it ended and the row counts; never a row. */
final class ImportAuditEntry {

    static final String SUBJECT = "import";

    private ImportAuditEntry() {
    }

    static AuditEntry of(ImportReport report) {
        return AuditEntry.of(report.requestedBy(), AuditAction.IMPORTED, SUBJECT, report.importId().toString())
                .withAfter(AuditSnapshot.of("entity", report.entity().path(), "mode", report.mode().wireName(),
                        "status", report.status().name(), "rowsReceived", report.rowsReceived(), "rowsImported", report.rowsImported(),
                        "rowsRejected", report.rowsRejected(), "created", report.created(), "updated", report.updated()))
                .withDetail(report.entity().path() + ", " + report.mode().wireName() + ": " + report.status() + ", "
                        + report.rowsReceived() + " rows received, " + report.rowsImported() + " imported, " + report.rowsRejected()
                        + " rejected");
    }
}
