package io.strata.adapters.persistence.schedule;

import io.strata.application.recovery.ScheduledStart;
import io.strata.application.recovery.port.out.ScheduledStarts;
import io.strata.application.schedule.OwedAgain;
import io.strata.application.schedule.ScheduleFiring;
import io.strata.application.schedule.StoredSchedule;
import io.strata.application.schedule.port.out.RunSchedules;
import io.strata.domain.schedule.CronExpression;
import io.strata.domain.schedule.RunSchedule;
import io.strata.domain.schedule.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Schedules one row per segmentation; firings appended, changed only to mark one whose run was cut as owed again and to
 * take that mark off when the run starts again.
 */
@Repository
public class JdbcRunSchedules implements RunSchedules, ScheduledStarts {

    private final JdbcClient jdbc;

    public JdbcRunSchedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredSchedule> find(long segmentationId) {
        return jdbc.sql("select * from segmentation_schedules where segmentation_id = ?").param(segmentationId)
                .query((rs, n) -> schedule(rs)).optional();
    }

    /** A transaction-level advisory lock per segmentation's schedule, since a segmentation without one has no row to lock. */
    @Override
    public void lockForChange(long segmentationId) {
        lockForChange(jdbc, segmentationId);
    }

    /** The lock every change of a segmentation's schedule takes first, its retirement's removal of it included. */
    public static void lockForChange(JdbcClient jdbc, long segmentationId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('strata-segmentation-schedule'), ?)").param((int) segmentationId).query(rs -> { });
    }

    private static StoredSchedule schedule(ResultSet rs) throws SQLException {
        java.time.LocalTime daily = rs.getObject("daily_at", java.time.LocalTime.class);
        String cron = rs.getString("cron");
        RunSchedule schedule = new RunSchedule(daily, cron == null ? null : CronExpression.parse(cron),
                ZoneId.of(rs.getString("time_zone")), rs.getBoolean("after_imports"), Duration.ofMinutes(rs.getInt("quiet_minutes")));
        return new StoredSchedule(rs.getLong("segmentation_id"), schedule, rs.getTimestamp("handled_until").toInstant());
    }

    @Override
    public void save(long segmentationId, RunSchedule schedule, Instant handledUntil) {
        jdbc.sql("""
                    insert into segmentation_schedules (segmentation_id, daily_at, time_zone, cron, after_imports, quiet_minutes, handled_until)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (segmentation_id) do update set daily_at = excluded.daily_at, time_zone = excluded.time_zone,
                        cron = excluded.cron, after_imports = excluded.after_imports, quiet_minutes = excluded.quiet_minutes,
                        handled_until = excluded.handled_until, updated_at = now()""")
                .params(segmentationId, schedule.daily().orElse(null), schedule.timeZone().getId(),
                        schedule.cronExpression().map(CronExpression::text).orElse(null), schedule.afterImports(),
                        (int) schedule.quietTime().toMinutes(), Timestamp.from(handledUntil))
                .update();
        dropOwedAgain(segmentationId);
    }

    /** A schedule set anew or removed owes nothing from the past, a cut run included. */
    private void dropOwedAgain(long segmentationId) {
        jdbc.sql("update schedule_firings set owed_again = false where segmentation_id = ? and owed_again").param(segmentationId).update();
    }

    @Override
    public boolean remove(long segmentationId) {
        dropOwedAgain(segmentationId);
        return jdbc.sql("delete from segmentation_schedules where segmentation_id = ?").param(segmentationId).update() == 1;
    }

    @Override
    public boolean advance(long segmentationId, Instant expected, Instant to) {
        return jdbc.sql("update segmentation_schedules set handled_until = ? where segmentation_id = ? and handled_until = ?")
                .params(Timestamp.from(to), segmentationId, Timestamp.from(expected)).update() == 1;
    }

    @Override
    public void recordFiring(ScheduleFiring firing) {
        jdbc.sql("insert into schedule_firings (segmentation_id, trigger, planned_at, fired_at, run_id, skipped, again_after_run)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(firing.segmentationId(), firing.trigger().name(), Timestamp.from(firing.plannedAt()), Timestamp.from(firing.firedAt()),
                        firing.runId(), firing.skipped(), firing.againAfterRun())
                .update();
    }

    @Override
    public List<ScheduleFiring> firings(long segmentationId, int limit) {
        return jdbc.sql("select * from schedule_firings where segmentation_id = ? order by firing_id desc limit ?")
                .params(segmentationId, limit)
                .query((rs, n) -> new ScheduleFiring(rs.getLong("segmentation_id"), Trigger.valueOf(rs.getString("trigger")),
                        rs.getTimestamp("planned_at").toInstant(), rs.getTimestamp("fired_at").toInstant(),
                        rs.getObject("run_id", Long.class), rs.getString("skipped"), rs.getObject("again_after_run", Long.class),
                        rs.getBoolean("owed_again")))
                .list();
    }

    @Override
    public Optional<OwedAgain> owedAgain(long segmentationId) {
        return jdbc.sql("select * from schedule_firings where segmentation_id = ? and owed_again order by firing_id desc limit 1")
                .param(segmentationId)
                .query((rs, n) -> new OwedAgain(rs.getLong("firing_id"), rs.getLong("segmentation_id"), Trigger.valueOf(rs.getString("trigger")),
                        rs.getTimestamp("planned_at").toInstant(), rs.getLong("run_id")))
                .optional();
    }

    @Override
    public boolean takeOwedAgain(long firingId) {
        return jdbc.sql("update schedule_firings set owed_again = false where firing_id = ? and owed_again").param(firingId).update() == 1;
    }

    @Override
    public Optional<ScheduledStart> startedBy(long runId) {
        // only while the schedule is still there: a run whose schedule was removed meanwhile is not said to start again
        // (nothing would start it; its record asks the user to start it, as for a run started by hand)
        return jdbc.sql("""
                        select f.* from schedule_firings f
                        join segmentation_schedules s on s.segmentation_id = f.segmentation_id
                        where f.run_id = ?
                        """).param(runId)
                .query((rs, n) -> new ScheduledStart(rs.getLong("segmentation_id"), Trigger.valueOf(rs.getString("trigger")),
                        rs.getTimestamp("planned_at").toInstant(), rs.getObject("again_after_run", Long.class)))
                .optional();
    }

    @Override
    public void oweAgain(long runId) {
        jdbc.sql("update schedule_firings set owed_again = true where run_id = ? and again_after_run is null").param(runId).update();
    }
}
