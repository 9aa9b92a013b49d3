package io.strata.application.schedule;

import io.strata.application.audit.ListTrail;
import io.strata.application.segmentation.MemorySegmentationDefinitions;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.schedule.port.out.RunSchedules;
import io.strata.application.schedule.port.out.ScheduledLaunches;
import io.strata.application.segmentation.DefinitionStatus;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.domain.schedule.ImportQuiet;
import io.strata.domain.schedule.PlannedRun;
import io.strata.domain.schedule.RunSchedule;
import io.strata.domain.schedule.Trigger;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Setting, removing and reading schedules and the calendar ({@link SchedulePlanning}) with the stores in memory. Oracles:
 * the schedules written here and their runs worked out by hand (06:00 in Berlin is 05:00 UTC in December).
 */
class SchedulePlanningTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:30:00Z");
    private static final GeneralSegmentation TIERS = SegmentationTemplates.instantiate("frequency-tiers", "Tiers");

    private final Map<Long, StoredSchedule> schedules = new HashMap<>();
    private final List<ScheduleFiring> firings = List.of(ScheduleFiring.started(5, Trigger.DAILY, Instant.parse("2026-12-06T06:00:00Z"),
            Instant.parse("2026-12-06T06:00:30Z"), 40));
    private final List<String> firingQueries = new ArrayList<>();
    private final List<String> plannedQueries = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private Optional<StoredSegmentation> active = Optional.of(segmentation(5, DefinitionStatus.ACTIVE));
    private ImportQuiet imports = ImportQuiet.NONE;
    private final PlannedLaunch planned = new PlannedLaunch(12, "Win back", "loyal", Instant.parse("2026-12-08T09:00:00Z"), null, null);
    private final PlannedLaunch flagged = new PlannedLaunch(13, "Spring", "champions", Instant.parse("2026-12-01T09:00:00Z"),
            Instant.parse("2026-12-01T09:00:10Z"), "not launched");

    private SchedulePlanning planning() {
        SegmentationDefinitions definitions = new MemorySegmentationDefinitions() {
            @Override
            public Optional<StoredSegmentation> active() {
                return SchedulePlanningTest.this.active;
            }

            @Override
            public Optional<StoredSegmentation> find(long id) {
                return id == 5 || id == 6 ? Optional.of(segmentation(id, id == 5 ? DefinitionStatus.ACTIVE : DefinitionStatus.INACTIVE))
                        : Optional.empty();
            }
        };
        RunSchedules store = new RunSchedules() {
            @Override
            public Optional<StoredSchedule> find(long segmentationId) {
                return Optional.ofNullable(schedules.get(segmentationId));
            }

            @Override
            public void lockForChange(long segmentationId) {
                // one thread: nothing to hold
            }

            @Override
            public void save(long segmentationId, RunSchedule schedule, Instant handledUntil) {
                schedules.put(segmentationId, new StoredSchedule(segmentationId, schedule, handledUntil));
            }

            @Override
            public boolean remove(long segmentationId) {
                return schedules.remove(segmentationId) != null;
            }

            @Override
            public boolean advance(long segmentationId, Instant expected, Instant to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void recordFiring(ScheduleFiring firing) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ScheduleFiring> firings(long segmentationId, int limit) {
                firingQueries.add(segmentationId + " " + limit);
                return firings;
            }

            @Override
            public Optional<OwedAgain> owedAgain(long segmentationId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean takeOwedAgain(long firingId) {
                throw new UnsupportedOperationException();
            }
        };
        ScheduledLaunches launches = new ScheduledLaunches() {
            @Override
            public List<PlannedLaunch> due(Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<PlannedLaunch> planned(Instant from, Instant to) {
                plannedQueries.add(from + " " + to);
                return List.of(planned);
            }

            @Override
            public List<PlannedLaunch> flagged() {
                return List.of(flagged);
            }

            @Override
            public boolean flag(long campaignId, String reason, Instant at) {
                throw new UnsupportedOperationException();
            }
        };
        AuditTrail trail = new ListTrail(audit);
        Transactions transactions = new Transactions() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                return work.get();
            }
        };
        return new SchedulePlanning(store, definitions, () -> imports, launches, trail, () -> "ana", transactions, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StoredSegmentation segmentation(long id, DefinitionStatus status) {
        return new StoredSegmentation(id, TIERS, status, 1, "frequency-tiers", NOW, NOW, false);
    }

    @Test
    void aScheduleSetIsStoredHandledUntilNowAuditedAndShownWithItsNextRun() {
        RunSchedule berlin = RunSchedule.of("06:00", "Europe/Berlin", null, false, null);

        ScheduleView view = planning().set(new ScheduleCommand(5, berlin));

        assertThat(schedules.get(5L)).isEqualTo(new StoredSchedule(5, berlin, NOW));
        assertThat(view).isEqualTo(new ScheduleView(5, berlin, true, Optional.of(new PlannedRun(Trigger.DAILY,
                Instant.parse("2026-12-08T05:00:00Z"))), firings));
        assertThat(firingQueries).containsExactly("5 20");
        assertThat(audit).containsExactly(AuditEntry.of("ana", AuditAction.CHANGED, "segmentation_schedule", "5")
                .withAfter(AuditSnapshot.of("dailyAt", "06:00", "timeZone", "Europe/Berlin", "cron", null, "afterImports", false, "quietMinutes", 5L))
                .withDetail("schedule of segmentation 5"));

        RunSchedule cron = RunSchedule.of(null, "UTC", "0 6 * * 1-5", true, 15);
        planning().set(new ScheduleCommand(5, cron));
        assertThat(audit.get(1)).isEqualTo(AuditEntry.of("ana", AuditAction.CHANGED, "segmentation_schedule", "5")
                .withAfter(AuditSnapshot.of("dailyAt", null, "timeZone", "UTC", "cron", "0 6 * * 1-5", "afterImports", true, "quietMinutes", 15L))
                .withDetail("schedule of segmentation 5")
                .withBefore(AuditSnapshot.of("dailyAt", "06:00", "timeZone", "Europe/Berlin", "cron", null, "afterImports", false, "quietMinutes", 5L)));
    }

    @Test
    void theScheduleOfASegmentationThatIsNotActivePlansNoRun() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);

        ScheduleView view = planning().set(new ScheduleCommand(6, daily));

        assertThat(view.active()).isFalse();
        assertThat(view.nextRun()).isEmpty();
        assertThat(planning().schedule(6)).contains(view);
        assertThat(planning().schedule(5)).isEmpty();
        active = Optional.empty();
        assertThat(planning().schedule(6).orElseThrow().active()).isFalse();
    }

    @Test
    void anUnknownSegmentationHasNoScheduleToSetReadOrRemove() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        assertThatThrownBy(() -> planning().set(new ScheduleCommand(9, daily))).isInstanceOf(SegmentationNotFound.class)
                .hasMessage("there is no segmentation 9");
        assertThatThrownBy(() -> planning().schedule(9)).isInstanceOf(SegmentationNotFound.class);
        assertThatThrownBy(() -> planning().remove(9)).isInstanceOf(SegmentationNotFound.class);
        assertThat(schedules).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void aRemovedScheduleIsAuditedOnceAndRemovingNothingChangesNothing() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        schedules.put(5L, new StoredSchedule(5, daily, NOW));

        assertThat(planning().remove(5)).isTrue();
        assertThat(planning().remove(5)).isFalse();

        assertThat(schedules).isEmpty();
        assertThat(audit).containsExactly(AuditEntry.of("ana", AuditAction.CHANGED, "segmentation_schedule", "5")
                .withBefore(AuditSnapshot.of("dailyAt", "06:00", "timeZone", "UTC", "cron", null, "afterImports", false, "quietMinutes", 5L))
                .withDetail("schedule of segmentation 5 removed"));
    }

    @Test
    void theCalendarShowsOneToSixtyTwoDays() {
        String refused = " is not one of them";
        assertThatThrownBy(() -> planning().calendar(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the calendar shows 1 to 62 days; 0" + refused);
        assertThatThrownBy(() -> planning().calendar(63)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the calendar shows 1 to 62 days; 63" + refused);
        assertThat(planning().calendar(1).to()).isEqualTo(Instant.parse("2026-12-08T06:30:00Z"));
        assertThat(planning().calendar(62).to()).isEqualTo(Instant.parse("2027-02-07T06:30:00Z"));
    }

    @Test
    void theCalendarListsTheOwedRunFirstThenTheScheduledOnesAndTheLaunchesSinceSixtyTwoDaysAgo() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        schedules.put(5L, new StoredSchedule(5, daily, Instant.parse("2026-12-06T07:00:00Z")));

        Calendar calendar = planning().calendar(2);

        assertThat(calendar.from()).isEqualTo(NOW);
        assertThat(calendar.to()).isEqualTo(Instant.parse("2026-12-09T06:30:00Z"));
        assertThat(calendar.runs()).extracting(CalendarRun::run).containsExactly(
                new PlannedRun(Trigger.DAILY, Instant.parse("2026-12-07T06:00:00Z")),
                new PlannedRun(Trigger.DAILY, Instant.parse("2026-12-08T06:00:00Z")),
                new PlannedRun(Trigger.DAILY, Instant.parse("2026-12-09T06:00:00Z")));
        assertThat(calendar.runs()).extracting(CalendarRun::segmentationId, CalendarRun::segmentationName).containsOnly(
                org.assertj.core.groups.Tuple.tuple(5L, "Tiers"));
        assertThat(calendar.activeSchedule().orElseThrow().nextRun()).contains(new PlannedRun(Trigger.DAILY,
                Instant.parse("2026-12-07T06:00:00Z")));
        assertThat(plannedQueries).containsExactly("2026-10-06T06:30:00Z 2026-12-09T06:30:00Z");
        assertThat(calendar.launches()).containsExactly(planned);
        assertThat(calendar.flagged()).containsExactly(flagged);
    }

    @Test
    void aRunNotOwedYetIsListedOnlyAmongTheCalendarsButOneAfterImportsIsListedFirst() {
        schedules.put(5L, new StoredSchedule(5, RunSchedule.of("07:00", "UTC", null, false, null), NOW));
        assertThat(planning().calendar(1).runs()).extracting(CalendarRun::run).containsExactly(
                new PlannedRun(Trigger.DAILY, Instant.parse("2026-12-07T07:00:00Z")));

        // an import finished at 06:28: the run after imports comes after the 5 quiet minutes
        imports = new ImportQuiet(Optional.of(Instant.parse("2026-12-07T06:28:00Z")), false);
        schedules.put(5L, new StoredSchedule(5, RunSchedule.of(null, "UTC", null, true, 5), NOW.minusSeconds(3600)));
        assertThat(planning().calendar(1).runs()).extracting(CalendarRun::run).containsExactly(
                new PlannedRun(Trigger.AFTER_IMPORTS, Instant.parse("2026-12-07T06:33:00Z")));
    }

    @Test
    void withoutAnActiveSegmentationOrItsScheduleTheCalendarHasOnlyTheLaunches() {
        assertThat(planning().calendar(7).runs()).isEmpty();
        assertThat(planning().calendar(7).activeSchedule()).isEmpty();

        active = Optional.empty();
        schedules.put(5L, new StoredSchedule(5, RunSchedule.of("06:00", "UTC", null, false, null), NOW));
        Calendar calendar = planning().calendar(7);
        assertThat(calendar.runs()).isEmpty();
        assertThat(calendar.activeSchedule()).isEmpty();
        assertThat(calendar.launches()).containsExactly(planned);
    }
}
