package io.strata.application.segmentation;

import io.strata.application.segmentation.port.out.CpuPriority;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work beside the assignment runs at a lower CPU priority on its own thread: lowered there (never the run's own
 * thread, which goes on with the assignment), before the work reads anything, and given back only once the work is
 * done.
 */
class PreparationsAlongsideTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private final List<String> events = new CopyOnWriteArrayList<>();

    private final CpuPriority priority = () -> {
        events.add("lowered on " + Thread.currentThread().getName());
        return () -> events.add("given back on " + Thread.currentThread().getName());
    };

    private final RunPreparation preparation = new RunPreparation() {
        @Override
        public void beforeAssignment(long runId, LocalDate asOf) {
            events.add("before the assignment on " + Thread.currentThread().getName());
        }

        @Override
        public void alongsideAssignment(long runId, LocalDate asOf, RunSnapshot snapshot, Runnable snapshotRead) {
            events.add("snapshot " + snapshot.id() + " read on " + Thread.currentThread().getName());
            snapshotRead.run();
            events.add("predicted on " + Thread.currentThread().getName());
        }
    };

    @Test
    void theWorkBesideIsLoweredOnItsOwnThreadBeforeItReadsAndGivenBackOnlyOnceItIsDone() {
        PreparationsAlongside alongside = new PreparationsAlongside(List.of(preparation), 41, AS_OF, priority);

        alongside.start(new RunSnapshot("00000003-0000001B-1"));
        alongside.finish();

        String own = "segmentation-run-41-preparation";
        assertThat(events).containsExactly(
                "lowered on " + own,
                "snapshot 00000003-0000001B-1 read on " + own,
                "predicted on " + own,
                "given back on " + own);
        assertThat(Thread.currentThread().getName()).isNotEqualTo(own);
    }

    @Test
    void aFailedPreparationStillGivesThePriorityBackAndFailsTheRun() {
        RunPreparation failing = new RunPreparation() {
            @Override
            public void beforeAssignment(long runId, LocalDate asOf) {
            }

            @Override
            public void alongsideAssignment(long runId, LocalDate asOf, RunSnapshot snapshot, Runnable snapshotRead) {
                events.add("failing");
                throw new IllegalStateException("the store failed");
            }
        };
        PreparationsAlongside alongside = new PreparationsAlongside(List.of(failing), 42, AS_OF, priority);

        alongside.start(new RunSnapshot("00000003-0000001B-2"));

        org.assertj.core.api.Assertions.assertThatThrownBy(alongside::finish).hasMessage("the store failed");
        assertThat(events).containsExactly("lowered on segmentation-run-42-preparation", "failing",
                "given back on segmentation-run-42-preparation");
    }
}
