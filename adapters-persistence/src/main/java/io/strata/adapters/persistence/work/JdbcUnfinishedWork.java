package io.strata.adapters.persistence.work;

import io.strata.adapters.persistence.segmentation.RunHalves;
import io.strata.adapters.persistence.tactical.SqlTacticalMembership;
import io.strata.application.recovery.RunningRun;
import io.strata.application.recovery.port.out.UnfinishedWork;
import io.strata.application.recovery.WorkItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/** RUNNING imports and runs, and the sweep's test of their claims ({@link WorkClaims}). */
@Repository
public class JdbcUnfinishedWork implements UnfinishedWork {

    private final JdbcClient jdbc;

    public JdbcUnfinishedWork(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<WorkItem> running() {
        return jdbc.sql("""
                        select 'IMPORT', import_id::text from imports where status = 'RUNNING'
                        union all
                        select 'SEGMENTATION_RUN', run_id::text from segmentation_runs where status = 'RUNNING'
                        order by 1, 2""")
                .query((rs, n) -> new WorkItem(WorkItem.Kind.valueOf(rs.getString(1)), rs.getString(2))).list();
    }

    @Override
    public List<RunningRun> runningRuns() {
        return jdbc.sql("select run_id, started_at, claimed_at is not null from segmentation_runs where status = 'RUNNING' order by run_id")
                .query((rs, n) -> new RunningRun(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3))).list();
    }

    @Override
    public boolean failIfUnattended(WorkItem item, String reason) {
        WorkClaims.Space space = item.kind() == WorkItem.Kind.IMPORT ? WorkClaims.Space.IMPORTS : WorkClaims.Space.RUNS;
        boolean unattended = jdbc.sql(WorkClaims.TRY_IN_TRANSACTION).params(space.key, item.id()).query(Boolean.class).single();
        if (!unattended) {
            return false;
        }
        int updated = item.kind() == WorkItem.Kind.IMPORT
                ? jdbc.sql("update imports set status = 'FAILED', finished_at = clock_timestamp(), message = ? "
                        + "where import_id = ? and status = 'RUNNING'").params(reason, UUID.fromString(item.id())).update()
                : jdbc.sql("update segmentation_runs set status = 'FAILED', finished_at = clock_timestamp(), error = ? "
                        + "where run_id = ? and status = 'RUNNING'").params(reason, Long.parseLong(item.id())).update();
        if (updated == 1 && item.kind() == WorkItem.Kind.SEGMENTATION_RUN) {
            // a run written in halves commits its upper half before the run, and its tactical memberships' upper half
            // before the memberships: a stop in between leaves it loose
            RunHalves.dropLooseUpperHalf(jdbc, Long.parseLong(item.id()));
            SqlTacticalMembership.dropLooseUpperHalf(jdbc, Long.parseLong(item.id()));
        }
        return updated == 1;
    }
}
