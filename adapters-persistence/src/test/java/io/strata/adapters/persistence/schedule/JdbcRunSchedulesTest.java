package io.strata.adapters.persistence.schedule;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.recovery.ScheduledStart;
import io.strata.application.schedule.OwedAgain;
import io.strata.application.schedule.ScheduleFiring;
import io.strata.domain.schedule.Trigger;
import io.strata.domain.schedule.RunSchedule;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** A schedule is stored as set, and of two nodes that read the same handled moment only one moves it on. */
class JdbcRunSchedulesTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final JdbcRunSchedules schedules = new JdbcRunSchedules(jdbc);

    private long segmentation() {
        // other tests of this JVM store segmentations with ids of their own choosing, behind the sequence's back
        jdbc.sql("select setval('segmentations_segmentation_id_seq', (select coalesce(max(segmentation_id), 0) + 1 from segmentations), false)")
                .query(Long.class).single();
        return jdbc.sql("insert into segmentations (name, definition, status) values ('Scheduled', '{}', 'DRAFT') returning segmentation_id")
                .query(Long.class).single();
    }

    @Test
    void aScheduleIsReadBackAsItWasSet() {
        long id = segmentation();
        schedules.save(id, RunSchedule.of("06:30", "Europe/Berlin", "0 12 * * 1-5", true, 10), Instant.parse("2026-12-03T08:00:00Z"));

        var stored = schedules.find(id).orElseThrow();

        assertThat(stored.schedule().dailyAt()).isEqualTo(LocalTime.of(6, 30));
        assertThat(stored.schedule().timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(stored.schedule().cron().text()).isEqualTo("0 12 * * 1-5");
        assertThat(stored.schedule().afterImports()).isTrue();
        assertThat(stored.schedule().quietTime().toMinutes()).isEqualTo(10);
        assertThat(stored.handledUntil()).isEqualTo(Instant.parse("2026-12-03T08:00:00Z"));
    }

    @Test
    void ofTwoNodesThatReadTheSameHandledMomentOnlyTheFirstMovesItOn() {
        long id = segmentation();
        Instant read = Instant.parse("2026-12-03T08:00:00Z");
        schedules.save(id, RunSchedule.of("06:00", "UTC", null, false, null), read);

        boolean first = schedules.advance(id, read, Instant.parse("2026-12-04T06:00:01Z"));
        boolean second = schedules.advance(id, read, Instant.parse("2026-12-04T06:00:02Z"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(schedules.find(id).orElseThrow().handledUntil()).isEqualTo(Instant.parse("2026-12-04T06:00:01Z"));
    }

    /**
     * A run its schedule started and a stop cut: marked owed again (a second start, cut in its turn, is not), found by the
     * look, and of two nodes taking it only the first gets it; given back after the second start, it stays taken (that
     * start did the owed run).
     */
    @Test
    void aCutScheduledRunIsOwedAgainOnceAndOfTwoNodesOnlyOneTakesIt() {
        long id = segmentation();
        Instant planned = Instant.parse("2026-12-07T06:00:00Z");
        schedules.save(id, RunSchedule.of("06:00", "UTC", null, false, null), planned.minusSeconds(3600));
        long cut = run(id);
        long second = run(id);
        schedules.recordFiring(ScheduleFiring.started(id, Trigger.DAILY, planned, planned.plusSeconds(1), cut));
        schedules.recordFiring(new ScheduleFiring(id, Trigger.DAILY, planned, planned.plusSeconds(60), second, null, cut, false));

        assertThat(schedules.startedBy(cut)).contains(new ScheduledStart(id, Trigger.DAILY, planned, null));
        assertThat(schedules.startedBy(second)).contains(new ScheduledStart(id, Trigger.DAILY, planned, cut));
        assertThat(schedules.startedBy(second + 1000)).isEmpty();
        schedules.oweAgain(second);
        assertThat(schedules.owedAgain(id)).as("a second start is not owed again").isEmpty();

        schedules.oweAgain(cut);
        OwedAgain owed = schedules.owedAgain(id).orElseThrow();
        assertThat(owed.cutRun()).isEqualTo(cut);
        assertThat(owed.plannedAt()).isEqualTo(planned);
        assertThat(schedules.firings(id, 10).get(1).owedAgain()).isTrue();

        assertThat(schedules.takeOwedAgain(owed.firingId())).isTrue();
        assertThat(schedules.takeOwedAgain(owed.firingId())).as("the other node").isFalse();
        assertThat(schedules.owedAgain(id)).isEmpty();
    }

    /**
     * A schedule set anew owes nothing from the past; a run whose schedule is gone is not said to have been started by
     * it (nothing would start it again). A mark taken in a unit of work that is undone is owed again (the look takes it
     * in the unit of work that records the run started again, session 59).
     */
    @Test
    void aMarkTakenInAnUndoneUnitOfWorkIsOwedAgainAndASchedulesChangeDropsIt() {
        long id = segmentation();
        Instant planned = Instant.parse("2026-12-07T06:00:00Z");
        schedules.save(id, RunSchedule.of("06:00", "UTC", null, false, null), planned.minusSeconds(3600));
        long cut = run(id);
        schedules.recordFiring(ScheduleFiring.started(id, Trigger.DAILY, planned, planned.plusSeconds(1), cut));
        schedules.oweAgain(cut);
        OwedAgain owed = schedules.owedAgain(id).orElseThrow();

        new org.springframework.transaction.support.TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(TestDatabase.dataSource()))
                .executeWithoutResult(status -> {
                    assertThat(schedules.takeOwedAgain(owed.firingId())).isTrue();
                    status.setRollbackOnly();
                });
        assertThat(schedules.owedAgain(id)).contains(owed);

        // a schedule set anew owes nothing from the past, a cut run included
        schedules.save(id, RunSchedule.of("07:00", "UTC", null, false, null), planned.plusSeconds(3600));
        assertThat(schedules.owedAgain(id)).isEmpty();

        // removed: nothing is owed, and the run reads as started by hand
        schedules.oweAgain(cut);
        schedules.remove(id);
        assertThat(schedules.owedAgain(id)).isEmpty();
        assertThat(schedules.startedBy(cut)).isEmpty();
    }

    private long run(long segmentation) {
        // as for segmentations: other tests of this JVM store runs with ids of their own choosing
        jdbc.sql("select setval('segmentation_runs_run_id_seq', (select coalesce(max(run_id), 0) + 1 from segmentation_runs), false)")
                .query(Long.class).single();
        return jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status) values (?, '2026-12-07', 'FAILED') returning run_id")
                .param(segmentation).query(Long.class).single();
    }
}
