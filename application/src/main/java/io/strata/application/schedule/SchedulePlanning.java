package io.strata.application.schedule;

import io.strata.application.audit.EditCheck;

import io.strata.domain.edit.Revision;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.schedule.port.in.ManageSchedules;
import io.strata.application.schedule.port.out.ImportActivity;
import io.strata.application.schedule.port.out.RunSchedules;
import io.strata.application.schedule.port.out.ScheduledLaunches;
import io.strata.application.segmentation.SegmentationConflict;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.domain.schedule.RunSchedule;
import io.strata.application.segmentation.DefinitionStatus;
import io.strata.domain.schedule.Trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sets and reads segmentations' schedules, each change audited, and lays out the calendar. */
public final class SchedulePlanning implements ManageSchedules {

    static final int RECENT_FIRINGS = 20;
    static final int LONGEST_CALENDAR_DAYS = 62;
    /** Enough for a cron every few minutes over a couple of days; the console shows no more at once. */
    static final int CALENDAR_RUNS = 500;

    private final RunSchedules schedules;
    private final SegmentationDefinitions segmentations;
    private final ImportActivity imports;
    private final ScheduledLaunches launches;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;
    private final Clock clock;

    public SchedulePlanning(RunSchedules schedules, SegmentationDefinitions segmentations, ImportActivity imports, ScheduledLaunches launches,
                            AuditTrail audit, CurrentActor actor, Transactions transactions, Clock clock) {
        this.schedules = schedules;
        this.segmentations = segmentations;
        this.imports = imports;
        this.launches = launches;
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Optional<ScheduleView> schedule(long segmentationId) {
        StoredSegmentation segmentation = segmentation(segmentationId);
        return schedules.find(segmentationId).map(stored -> view(segmentation, stored));
    }

    @Override
    public ScheduleView set(ScheduleCommand command, List<Revision> seen) {
        StoredSegmentation segmentation = segmentation(command.segmentationId());
        requireNotRetired(segmentation);
        Instant now = clock.instant();
        // the answer is the schedule this change stored, read in its unit of work: read after the commit, a removal
        // committed in between left nothing to read (NoSuchElementException, a 500; session 56's probe)
        StoredSchedule saved = transactions.inOne(() -> {
            schedules.lockForChange(command.segmentationId());
            // a retirement takes the same lock and removes the schedule: one committed since the look above is seen here
            requireNotRetired(segmentation(command.segmentationId()));
            Optional<StoredSchedule> before = schedules.find(command.segmentationId());
            requireSeen(command.segmentationId(), before, seen);
            schedules.save(command.segmentationId(), command.schedule(), now);
            AuditEntry entry = AuditEntry.of(actor.name(), AuditAction.CHANGED, "segmentation_schedule", Long.toString(command.segmentationId()))
                    .withAfter(snapshot(command.schedule())).withDetail("schedule of segmentation " + command.segmentationId());
            audit.record(before.map(b -> entry.withBefore(snapshot(b.schedule()))).orElse(entry));
            return schedules.find(command.segmentationId()).orElseThrow();
        });
        return view(segmentation, saved);
    }

    @Override
    public boolean remove(long segmentationId, List<Revision> seen) {
        segmentation(segmentationId);
        return transactions.inOne(() -> {
            schedules.lockForChange(segmentationId);
            Optional<StoredSchedule> before = schedules.find(segmentationId);
            requireSeen(segmentationId, before, seen);
            if (before.isEmpty() || !schedules.remove(segmentationId)) {
                return false;
            }
            audit.record(AuditEntry.of(actor.name(), AuditAction.CHANGED, "segmentation_schedule", Long.toString(segmentationId))
                    .withBefore(snapshot(before.get().schedule())).withDetail("schedule of segmentation " + segmentationId + " removed"));
            return true;
        });
    }

    private void requireSeen(long segmentationId, Optional<StoredSchedule> current, List<Revision> seen) {
        new EditCheck(audit).require(seen, StoredSchedule.revisionOf(segmentationId, current.map(StoredSchedule::schedule).orElse(null)),
                "The schedule of segmentation " + segmentationId, "segmentation_schedule", Long.toString(segmentationId));
    }

    @Override
    public Calendar calendar(int days) {
        if (days < 1 || days > LONGEST_CALENDAR_DAYS) {
            throw new IllegalArgumentException("the calendar shows 1 to " + LONGEST_CALENDAR_DAYS + " days; " + days + " is not one of them");
        }
        Instant from = clock.instant();
        Instant to = from.plus(Duration.ofDays(days));
        Optional<StoredSegmentation> active = segmentations.active();
        Optional<StoredSchedule> stored = active.flatMap(a -> schedules.find(a.id()));
        List<CalendarRun> runs = new ArrayList<>();
        if (active.isPresent() && stored.isPresent()) {
            String name = active.get().definition().name();
            RunSchedule schedule = stored.get().schedule();
            // a run owed now (or after the imports' quiet time) comes first, then the calendar's
            schedule.nextPlanned(stored.get().handledUntil(), from, imports.ordersAndEvents())
                    .filter(next -> next.trigger() == Trigger.AFTER_IMPORTS || !next.plannedAt().isAfter(from))
                    .ifPresent(next -> runs.add(new CalendarRun(active.get().id(), name, next)));
            schedule.calendarRuns(from, to, CALENDAR_RUNS).forEach(run -> runs.add(new CalendarRun(active.get().id(), name, run)));
        }
        Optional<ScheduleView> activeSchedule = stored.map(s -> view(active.get(), s));
        // launches whose start passed but that were not launched yet (the application was down) are listed too
        return new Calendar(from, to, activeSchedule, runs, launches.planned(from.minus(Duration.ofDays(LONGEST_CALENDAR_DAYS)), to),
                launches.flagged());
    }

    private ScheduleView view(StoredSegmentation segmentation, StoredSchedule stored) {
        boolean active = segmentations.active().map(a -> a.id() == segmentation.id()).orElse(false);
        return new ScheduleView(segmentation.id(), stored.schedule(), active,
                active ? stored.schedule().nextPlanned(stored.handledUntil(), clock.instant(), imports.ordersAndEvents()) : Optional.empty(),
                schedules.firings(segmentation.id(), RECENT_FIRINGS));
    }

    /** Kept "for when it is activated", a schedule of a retired segmentation never would run: it cannot be activated again. */
    private static void requireNotRetired(StoredSegmentation segmentation) {
        if (segmentation.status() == DefinitionStatus.RETIRED) {
            throw new SegmentationConflict("segmentation " + segmentation.id() + " is retired: it cannot be activated again, so a schedule"
                    + " of it would never run; set the schedule on the active segmentation, or on one you will activate");
        }
    }

    private StoredSegmentation segmentation(long id) {
        return segmentations.find(id).orElseThrow(() -> new SegmentationNotFound("there is no segmentation " + id));
    }

    private static AuditSnapshot.Values snapshot(RunSchedule schedule) {
        return AuditSnapshot.of("dailyAt", schedule.daily().map(Object::toString).orElse(null), "timeZone", schedule.timeZone().getId(),
                "cron", schedule.cronExpression().map(Object::toString).orElse(null), "afterImports", schedule.afterImports(),
                "quietMinutes", schedule.quietTime().toMinutes());
    }
}
