package io.strata.adapters.web.schedule;

import io.strata.application.schedule.Calendar;
import io.strata.application.schedule.CalendarRun;
import io.strata.application.schedule.PlannedLaunch;
import io.strata.application.schedule.ScheduleFiring;
import io.strata.application.schedule.ScheduleView;
import io.strata.domain.schedule.PlannedRun;
import io.strata.domain.schedule.RunSchedule;

import java.time.Instant;
import java.util.List;

/** The JSON of schedules and the calendar. */
public final class ScheduleBodies {

    private ScheduleBodies() {
    }

    /** A schedule as sent: each trigger optional, at least one of dailyAt, cron and afterImports. */
    public record ScheduleBody(String dailyAt, String timeZone, String cron, Boolean afterImports, Integer quietMinutes) {

        public RunSchedule schedule() {
            return RunSchedule.of(dailyAt, timeZone, cron, afterImports, quietMinutes);
        }
    }

    public record NextRunBody(String trigger, Instant plannedAt) {

        static NextRunBody of(PlannedRun run) {
            return new NextRunBody(run.trigger().name(), run.plannedAt());
        }
    }

    /**
     * A trigger's outcome: the run it started, or why it was skipped; {@code againAfterRun}, the run of the same planned
     * moment that a stop or a crash cut before this one; {@code owedAgain}, this trigger's run was cut and the next look
     * starts it again.
     */
    public record FiringBody(String trigger, Instant plannedAt, Instant firedAt, Long runId, String skipped, Long againAfterRun,
                             boolean owedAgain) {

        static FiringBody of(ScheduleFiring firing) {
            return new FiringBody(firing.trigger().name(), firing.plannedAt(), firing.firedAt(), firing.runId(), firing.skipped(),
                    firing.againAfterRun(), firing.owedAgain());
        }
    }

    public record ScheduleAnswer(long segmentationId, String dailyAt, String timeZone, String cron, boolean afterImports, long quietMinutes,
                                 boolean active, NextRunBody nextRun, List<FiringBody> recentTriggers) {

        public static ScheduleAnswer of(ScheduleView view) {
            RunSchedule schedule = view.schedule();
            return new ScheduleAnswer(view.segmentationId(), schedule.daily().map(Object::toString).orElse(null), schedule.timeZone().getId(),
                    schedule.cronExpression().map(Object::toString).orElse(null), schedule.afterImports(), schedule.quietTime().toMinutes(),
                    view.active(), view.nextRun().map(NextRunBody::of).orElse(null),
                    view.recentFirings().stream().map(FiringBody::of).toList());
        }
    }

    public record CalendarRunBody(long segmentationId, String segmentationName, String trigger, Instant plannedAt) {

        static CalendarRunBody of(CalendarRun run) {
            return new CalendarRunBody(run.segmentationId(), run.segmentationName(), run.run().trigger().name(), run.run().plannedAt());
        }
    }

    public record LaunchBody(long campaignId, String name, String targetSegment, Instant startAt, Instant flaggedAt, String flagReason) {

        static LaunchBody of(PlannedLaunch launch) {
            return new LaunchBody(launch.campaignId(), launch.name(), launch.targetSegment(), launch.startAt(), launch.flaggedAt(),
                    launch.flagReason());
        }
    }

    public record CalendarBody(Instant from, Instant to, ScheduleAnswer activeSchedule, List<CalendarRunBody> runs, List<LaunchBody> launches,
                               List<LaunchBody> flagged) {

        public static CalendarBody of(Calendar calendar) {
            return new CalendarBody(calendar.from(), calendar.to(), calendar.activeSchedule().map(ScheduleAnswer::of).orElse(null), calendar.runs().stream().map(CalendarRunBody::of).toList(),
                    calendar.launches().stream().map(LaunchBody::of).toList(), calendar.flagged().stream().map(LaunchBody::of).toList());
        }
    }
}
