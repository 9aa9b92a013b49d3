package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.imports.ImportEntity;
import io.strata.application.imports.ImportMode;
import io.strata.application.imports.ImportReport;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An import's record is written on its claim's connection; a claim whose first record could not be written is let go. */
class ImportRecordClaimTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final WorkClaims claims = new WorkClaims(TestDatabase.dataSource());
    private final JdbcImportRecords records = new JdbcImportRecords(jdbc, claims);

    @Test
    void anImportWhoseRunningRecordCannotBeWrittenHoldsNoClaimAfterwards() {
        UUID id = UUID.randomUUID();
        // PostgreSQL text cannot hold NUL: the insert fails after the claim was taken
        ImportReport unwritable = ImportReport.running(id, ImportEntity.ORDERS, ImportMode.STRICT, "token:\u0000", Instant.now());

        assertThatThrownBy(() -> records.save(unwritable)).isInstanceOf(IllegalStateException.class);

        assertThat(claims.holds(WorkClaims.Space.IMPORTS, id.toString())).isFalse();
        assertThat(claimsInDatabase(id)).as("the advisory lock of the claim").isZero();
    }

    @Test
    void aRunningImportHoldsItsClaimUntilItsFinishedRecordIsWritten() {
        UUID id = UUID.randomUUID();
        ImportReport running = ImportReport.running(id, ImportEntity.ORDERS, ImportMode.STRICT, "token:test", Instant.now());

        records.save(running);
        records.save(running.progress(10, 0));
        assertThat(claimsInDatabase(id)).isEqualTo(1);

        records.save(new ImportReport(id, running.entity(), running.mode(), io.strata.application.imports.ImportStatus.COMPLETED,
                running.requestedBy(), running.startedAt(), Instant.now(), 10, 10, 0, 10, 0, java.util.List.of(), null));
        assertThat(claimsInDatabase(id)).isZero();
        assertThat(records.find(id)).hasValueSatisfying(found -> assertThat(found.rowsImported()).isEqualTo(10));
    }

    /** WorkClaims.Space.IMPORTS is 0x53494d50; the second key is hashtext(id). */
    private long claimsInDatabase(UUID id) {
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and objsubid = 2 and classid = 1397312848 "
                + "and objid = hashtext(?)::oid").param(id.toString()).query(Long.class).single();
    }
}
