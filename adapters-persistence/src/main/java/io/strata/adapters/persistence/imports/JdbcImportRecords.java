package io.strata.adapters.persistence.imports;

import io.strata.application.imports.ImportEntity;
import io.strata.application.imports.ImportMode;
import io.strata.application.imports.port.out.ImportRecords;
import io.strata.application.imports.ImportReport;
import io.strata.application.imports.ImportStatus;
import io.strata.application.imports.RowError;
import io.strata.adapters.persistence.work.WorkClaims;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Import history; each report's first errors are kept as a jsonb array built by PostgreSQL from bound arrays. */
@Repository
public class JdbcImportRecords implements ImportRecords {

    private static final String UPSERT = """
            insert into imports (import_id, entity, mode, status, requested_by, started_at, finished_at, rows_received,
                                 rows_imported, rows_rejected, created, updated, message, errors)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    (select coalesce(jsonb_agg(jsonb_build_object('line', e.line, 'column', e.col, 'value', e.val, 'message', e.msg,
                                                                  'valueLength', e.len) order by e.ord), '[]'::jsonb)
                     from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[]) with ordinality as e(line, col, val, msg, len, ord)))
            on conflict (import_id) do update set status = excluded.status, finished_at = excluded.finished_at,
                rows_received = excluded.rows_received, rows_imported = excluded.rows_imported,
                rows_rejected = excluded.rows_rejected, created = excluded.created, updated = excluded.updated,
                message = excluded.message, errors = excluded.errors
            """;

    private static final String SELECT = """
            select i.*, array(select (e->>'line')::bigint from jsonb_array_elements(i.errors) e) as e_lines,
                   array(select e->>'column' from jsonb_array_elements(i.errors) e) as e_columns,
                   array(select e->>'value' from jsonb_array_elements(i.errors) e) as e_values,
                   array(select e->>'message' from jsonb_array_elements(i.errors) e) as e_messages,
                   array(select (e->>'valueLength')::int from jsonb_array_elements(i.errors) e) as e_value_lengths
            from imports i""";

    private final JdbcClient jdbc;
    private final WorkClaims claims;

    public JdbcImportRecords(JdbcClient jdbc, WorkClaims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
    }

    /**
     * A RUNNING report is saved under this node's claim on the import, taken before the record first shows it; the
     * claim ends once a finished report is saved (see {@link WorkClaims}).
     */
    @Override
    public void save(ImportReport report) {
        String id = report.importId().toString();
        if (report.status() == ImportStatus.RUNNING) {
            boolean starting = !claims.holds(WorkClaims.Space.IMPORTS, id);
            claims.hold(WorkClaims.Space.IMPORTS, id);
            try {
                upsert(report);
            } catch (RuntimeException e) {
                if (starting) {
                    // never recorded, so never finished: the claim (and its connection) would be held for good
                    claims.release(WorkClaims.Space.IMPORTS, id);
                }
                throw e;
            }
            return;
        }
        try {
            upsert(report);
        } finally {
            claims.release(WorkClaims.Space.IMPORTS, id);
        }
    }

    /** On the claim's connection while the import holds one ({@link WorkClaims#onClaim}). */
    private void upsert(ImportReport report) {
        try {
            claims.onClaim(WorkClaims.Space.IMPORTS, report.importId().toString(), connection -> upsert(connection, report));
        } catch (SQLException e) {
            throw new IllegalStateException("could not record import " + report.importId() + ": " + e.getMessage(), e);
        }
    }

    private static void upsert(Connection connection, ImportReport report) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            int i = 1;
            statement.setObject(i++, report.importId());
            statement.setString(i++, report.entity().path());
            statement.setString(i++, report.mode().wireName());
            statement.setString(i++, report.status().name());
            statement.setString(i++, report.requestedBy());
            statement.setTimestamp(i++, Timestamp.from(report.startedAt()));
            statement.setTimestamp(i++, report.finishedAt() == null ? null : Timestamp.from(report.finishedAt()));
            statement.setLong(i++, report.rowsReceived());
            statement.setLong(i++, report.rowsImported());
            statement.setLong(i++, report.rowsRejected());
            statement.setLong(i++, report.created());
            statement.setLong(i++, report.updated());
            statement.setString(i++, report.message());
            List<RowError> errors = report.errors();
            statement.setArray(i++, connection.createArrayOf("bigint", errors.stream().map(RowError::line).toArray()));
            statement.setArray(i++, connection.createArrayOf("text", errors.stream().map(RowError::column).toArray()));
            statement.setArray(i++, connection.createArrayOf("text", errors.stream().map(RowError::value).toArray()));
            statement.setArray(i++, connection.createArrayOf("text", errors.stream().map(RowError::message).toArray()));
            statement.setArray(i, connection.createArrayOf("integer", errors.stream().map(RowError::valueLength).toArray()));
            statement.executeUpdate();
        }
    }

    @Override
    public Optional<ImportReport> find(UUID importId) {
        return jdbc.sql(SELECT + " where import_id = ?").param(importId).query((rs, n) -> map(rs)).optional();
    }

    @Override
    public List<ImportReport> recent(UUID before, int limit) {
        if (before == null) {
            return jdbc.sql(SELECT + " order by started_at desc, import_id desc limit ?").param(limit).query((rs, n) -> map(rs)).list();
        }
        // after the given import in the list's order: one index range from its place (changeset 500)
        return jdbc.sql(SELECT + " " + """
                         where (i.started_at, i.import_id) < (select b.started_at, b.import_id from imports b where b.import_id = ?)
                         order by i.started_at desc, i.import_id desc limit ?""")
                .params(before, limit).query((rs, n) -> map(rs)).list();
    }

    private static ImportReport map(ResultSet rs) throws SQLException {
        Long[] lines = (Long[]) rs.getArray("e_lines").getArray();
        String[] columns = strings(rs.getArray("e_columns"));
        String[] values = strings(rs.getArray("e_values"));
        String[] messages = strings(rs.getArray("e_messages"));
        Integer[] valueLengths = (Integer[]) rs.getArray("e_value_lengths").getArray();
        List<RowError> errors = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            // errors recorded before values were cut carry no length: they are cut as they are read
            errors.add(valueLengths[i] == null ? new RowError(lines[i], columns[i], values[i], messages[i])
                    : new RowError(lines[i], columns[i], values[i], messages[i], valueLengths[i]));
        }
        return new ImportReport(rs.getObject("import_id", UUID.class), ImportEntity.fromPath(rs.getString("entity")).orElseThrow(),
                ImportMode.parse(rs.getString("mode")), ImportStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), rs.getLong("rows_received"),
                rs.getLong("rows_imported"), rs.getLong("rows_rejected"), rs.getLong("created"), rs.getLong("updated"), errors,
                rs.getString("message"));
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
