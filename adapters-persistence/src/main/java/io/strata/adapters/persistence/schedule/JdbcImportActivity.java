package io.strata.adapters.persistence.schedule;

import io.strata.application.schedule.port.out.ImportActivity;
import io.strata.domain.schedule.ImportQuiet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;

/** Reads the import history: only orders and events change what a run computes, and only completed imports change data. */
@Repository
public class JdbcImportActivity implements ImportActivity {

    private final JdbcClient jdbc;

    public JdbcImportActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportQuiet ordersAndEvents() {
        return jdbc.sql("""
                    select max(finished_at) filter (where status = 'COMPLETED') as latest,
                           count(*) filter (where status = 'RUNNING') > 0 as running
                    from imports where entity in ('orders', 'events')""")
                .query((rs, n) -> {
                    Timestamp latest = rs.getTimestamp("latest");
                    return new ImportQuiet(Optional.ofNullable(latest).map(Timestamp::toInstant), rs.getBoolean("running"));
                }).single();
    }
}
