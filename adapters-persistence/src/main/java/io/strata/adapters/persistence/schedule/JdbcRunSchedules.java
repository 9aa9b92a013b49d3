package io.strata.adapters.persistence.schedule;

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

/** Schedules one row per segmentation; firings appended, never changed. */
@Repository
public class JdbcRunSchedules implements RunSchedules {

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
    }

    @Override
    public boolean remove(long segmentationId) {
        return jdbc.sql("delete from segmentation_schedules where segmentation_id = ?").param(segmentationId).update() == 1;
    }

    @Override
    public boolean advance(long segmentationId, Instant expected, Instant to) {
        return jdbc.sql("update segmentation_schedules set handled_until = ? where segmentation_id = ? and handled_until = ?")
                .params(Timestamp.from(to), segmentationId, Timestamp.from(expected)).update() == 1;
    }

    @Override
    public void recordFiring(ScheduleFiring firing) {
        jdbc.sql("insert into schedule_firings (segmentation_id, trigger, planned_at, fired_at, run_id, skipped) values (?, ?, ?, ?, ?, ?)")
                .params(firing.segmentationId(), firing.trigger().name(), Timestamp.from(firing.plannedAt()), Timestamp.from(firing.firedAt()),
                        firing.runId(), firing.skipped())
                .update();
    }

    @Override
    public List<ScheduleFiring> firings(long segmentationId, int limit) {
        return jdbc.sql("select * from schedule_firings where segmentation_id = ? order by firing_id desc limit ?")
                .params(segmentationId, limit)
                .query((rs, n) -> new ScheduleFiring(rs.getLong("segmentation_id"), Trigger.valueOf(rs.getString("trigger")),
                        rs.getTimestamp("planned_at").toInstant(), rs.getTimestamp("fired_at").toInstant(),
                        rs.getObject("run_id", Long.class), rs.getString("skipped")))
                .list();
    }
}
