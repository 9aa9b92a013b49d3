package io.strata.application.imports;

import io.strata.application.imports.port.in.ImportData;
import io.strata.application.imports.port.out.ImportAdmission;
import io.strata.application.imports.port.out.ImportBatch;
import io.strata.application.imports.port.out.ImportRecords;
import io.strata.application.imports.port.out.ImportTargets;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.incident.Incident;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads rows one at a time, validates each, streams the valid ones into a staging batch, and merges at the end:
 * in strict mode only when no row at all was wrong, so a bad file never half-applies. Every import that ends leaves an
 * audit entry; a completed one commits it with its rows.
 */
public final class ImportService implements ImportData {

    /** Progress is saved at most this often, checked every {@link #PROGRESS_CHECK_ROWS} rows. */
    static final long PROGRESS_EVERY_MILLIS = 1_000;
    static final int PROGRESS_CHECK_ROWS = 4_096;

    private final ImportTargets targets;
    private final ImportRecords records;
    private final Clock clock;
    private final AuditTrail audit;
    private final ImportCheckpoints checkpoints;
    private final ImportAdmission admission;

    public ImportService(ImportTargets targets, ImportRecords records, Clock clock, AuditTrail audit) {
        this(targets, records, clock, audit, ImportCheckpoints.NONE, ImportAdmission.UNLIMITED);
    }

    public ImportService(ImportTargets targets, ImportRecords records, Clock clock, AuditTrail audit, ImportCheckpoints checkpoints,
                         ImportAdmission admission) {
        this.targets = targets;
        this.records = records;
        this.clock = clock;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.admission = admission;
    }

    /**
     * The import waits for its turn first ({@link ImportAdmission}), holding nothing and its body unread. A completed
     * import committed its audit entry with its rows; a rejected or failed one changed nothing, and its entry (read back
     * from its record as it ended) is written here.
     */
    @Override
    public ImportReport importRows(ImportCommand command) {
        try (ImportAdmission.Turn turn = admission.admit()) {
            return importAndAudit(command);
        }
    }

    private ImportReport importAndAudit(ImportCommand command) {
        ImportReport done;
        try {
            done = importAndRecord(command);
        } catch (RuntimeException failure) {
            try {
                records.find(command.importId()).filter(report -> report.status() == ImportStatus.FAILED)
                        .ifPresent(failed -> audit.record(ImportAuditEntry.of(failed)));
            } catch (RuntimeException auditFailure) {
                failure.addSuppressed(auditFailure);
            }
            throw failure;
        }
        if (done.status() != ImportStatus.COMPLETED) {
            audit.record(ImportAuditEntry.of(done));
        }
        return done;
    }

    private ImportReport importAndRecord(ImportCommand command) {
        ImportReport running = ImportReport.running(command.importId(), command.entity(), command.mode(), command.requestedBy(), clock.instant());
        try {
            records.save(running);
        } catch (RuntimeException e) {
            // no claim, no record: the import never started
            Incident incident = Incident.record("The import could not be started because of a problem on Strata's side, not in the file; "
                    + "nothing of it was written", "Send the file again; if it fails again, give the reference to your administrator.", e);
            throw new ImportFailed(running.importId(), incident.message(), e);
        }
        try (SourceRows rows = command.rows()) {
            rows.fixedHeader().ifPresent(header -> FileShape.checkHeader(command.entity(), header));
            AcceptedDates dates = AcceptedDates.at(clock.instant());
            ImportReport done = switch (command.entity()) {
                case CUSTOMERS -> run(running, rows, new CustomerRowReader(rows.fixedHeader(), dates), targets.customers());
                case ORDERS -> run(running, rows, new OrderLineRowReader(rows.fixedHeader(), dates), targets.orderLines());
                case EVENTS -> run(running, rows, new EventRowReader(rows.fixedHeader(), dates), targets.events());
            };
            records.save(done);
            return done;
        } catch (UnreadableInput e) {
            recordFailure(finished(running, ImportStatus.FAILED, 0, 0, 0, new MergeOutcome(0, 0, 0),
                    List.of(new RowError(e.line(), e.column(), null, e.getMessage())), e.getMessage()), e);
            throw e;
        } catch (RuntimeException e) {
            if (Incident.explainsItself(e)) {
                // a refusal of the request (a body over the size limit), worded for users
                recordFailure(finished(running, ImportStatus.FAILED, 0, 0, 0, new MergeOutcome(0, 0, 0), List.of(), e.getMessage()), e);
                throw e;
            }
            Incident incident = Incident.record("The import could not be completed because of a problem on Strata's side, not in the file; "
                    + "nothing of it was written", "Send the file again; if it fails again, give the reference to your administrator.", e);
            recordFailure(finished(running, ImportStatus.FAILED, 0, 0, 0, new MergeOutcome(0, 0, 0), List.of(), incident.message()), e);
            throw new ImportFailed(running.importId(), incident.message(), e);
        }
    }

    /**
     * Records how the import failed; if even that fails, the answer still says what happened in the product's words
     * (the record's own failure goes to the log with the import's).
     */
    private void recordFailure(ImportReport failed, RuntimeException failure) {
        try {
            records.save(failed);
        } catch (RuntimeException recordFailure) {
            failure.addSuppressed(recordFailure);
        }
    }

    private <T> ImportReport run(ImportReport running, SourceRows rows, RowReader<T> reader, ImportBatch<T> target) {
        try (ImportBatch<T> batch = target) {
            List<RowError> errors = new ArrayList<>();
            long received = 0;
            long rejected = 0;
            long lastProgress = clock.millis();
            checkpoints.reading(running);
            while (rows.hasNext()) {
                SourceRow row = rows.next();
                received++;
                if (received == 1 && rows.fixedHeader().isEmpty() && row.problem() == null) {
                    FileShape.checkFirstObject(running.entity(), row.header());
                }
                RowReader.Result<T> result = row.problem() != null
                        ? RowReader.Result.invalid(List.of(new RowError(row.line(), row.problemColumn(), null, row.problem())), reader.unitOf(row))
                        : read(reader, row);
                if (result.isValid()) {
                    batch.add(result.value());
                } else {
                    rejected++;
                    if (result.unit() != null && running.mode() == ImportMode.LENIENT) {
                        batch.leaveOut(result.unit());
                    }
                    if (errors.size() < ImportReport.MAX_ERRORS) {
                        errors.addAll(result.errors());
                    }
                }
                if (received % PROGRESS_CHECK_ROWS == 0 && clock.millis() - lastProgress >= PROGRESS_EVERY_MILLIS) {
                    ImportReport progress = running.progress(received, rejected);
                    records.save(progress);
                    lastProgress = clock.millis();
                    checkpoints.progressSaved(progress);
                }
            }
            if (received == 0) {
                throw new UnreadableInput(1, null, "the body has no rows; send a header and at least one row");
            }
            CrossRowCheck crossRow = batch.crossRowCheck();
            rejected += crossRow.rejectedRows();
            errors.addAll(crossRow.errors());
            // the report keeps the first errors of the file, wherever they were found
            errors.sort(java.util.Comparator.comparingLong(RowError::line));
            if (running.mode() == ImportMode.STRICT && rejected > 0) {
                return finished(running, ImportStatus.REJECTED, received, 0, rejected, new MergeOutcome(0, 0, 0), errors,
                        rejected + " of " + received + " rows are invalid; nothing was written. Fix them, or send mode=lenient to import the valid rows.");
            }
            checkpoints.beforeMerge(running);
            MergeOutcome outcome = batch.merge();
            ImportReport completed = finished(running, ImportStatus.COMPLETED, received, outcome.imported(), rejected, outcome, errors, null);
            batch.commit(ImportAuditEntry.of(completed));
            return completed;
        }
    }

    /** A row holding a refused control character is refused before it is read: no other error then echoes it. */
    private static <T> RowReader.Result<T> read(RowReader<T> reader, SourceRow row) {
        List<RowError> controls = null;
        String[] cells = row.cells();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            int at = cell == null ? -1 : ControlCharacters.firstRefusedInValue(cell);
            if (at >= 0) {
                String column = row.header().columns().get(i);
                if (controls == null) {
                    controls = new ArrayList<>(1);
                }
                controls.add(new RowError(row.line(), column, cell, column + " holds " + ControlCharacters.refused(cell, at)
                        + "; text may hold tabs and line breaks but no other control characters (U+0000 to U+001F), and only whole"
                        + " characters: remove it, or check that the file is text"));
            }
        }
        if (controls == null) {
            return reader.read(row);
        }
        String unit = reader.unitOf(row);
        boolean cleanUnit = unit != null && !unit.isEmpty() && ControlCharacters.firstRefusedInValue(unit) < 0
                && ControlCharacters.firstRefusedInName(unit) < 0;
        return RowReader.Result.invalid(controls, cleanUnit ? unit : null);
    }

    private ImportReport finished(ImportReport running, ImportStatus status, long received, long imported, long rejected,
                                  MergeOutcome outcome, List<RowError> errors, String message) {
        return new ImportReport(running.importId(), running.entity(), running.mode(), status, running.requestedBy(),
                running.startedAt(), clock.instant(), received, imported, rejected, outcome.created(), outcome.updated(), errors, message);
    }

    @Override
    public Optional<ImportReport> findImport(UUID importId) {
        return records.find(importId);
    }

    @Override
    public List<ImportReport> recentImports(UUID before, int limit) {
        return records.recent(before, Math.max(1, Math.min(limit, 1001)));
    }
}
