package io.strata.application.segmentation;

import io.strata.application.audit.ListTrail;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditPage;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A run of the active segmentation ({@link SegmentationRunService}) with the stores in memory and the workers run in the
 * caller's thread: the order of the predictions and the assignment (before it only when the segmentation reads
 * predictions), how a run ends, the dates a run may be as of, the work after a completed run, and the bounds put on
 * what readers ask for. Oracles: the event orders and figures written out here.
 */
class SegmentationRunServiceTest {

    /** The unit of work as the store would run it, minus the rollback: these tests fail nothing inside it. */
    private static final io.strata.application.audit.port.out.Transactions DIRECT = new io.strata.application.audit.port.out.Transactions() {
        @Override
        public <T> T inOne(java.util.function.Supplier<T> work) {
            return work.get();
        }
    };

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final MemorySegmentationDefinitions definitions = new MemorySegmentationDefinitions();
    private final MemoryRuns runs = new MemoryRuns();
    private final List<AuditEntry> audit = new ArrayList<>();
    private SegmentationEngine engine = (runId, definition, asOf) -> {
        events.add("assign " + runId + " as of " + asOf);
        return 3;
    };
    private final RunPreparation predictions = new RunPreparation() {
        @Override
        public void beforeAssignment(long runId, LocalDate asOf) {
            events.add("predict before " + runId);
        }

        @Override
        public void alongsideAssignment(long runId, LocalDate asOf, RunSnapshot snapshot, Runnable snapshotRead) {
            events.add("predict alongside " + runId + " on " + snapshot.id());
            snapshotRead.run();
        }
    };
    private List<RunPreparation> preparations = List.of(predictions);

    private SegmentationRunService service() {
        AuditTrail trail = new ListTrail(audit);
        return new SegmentationRunService(definitions, runs, engine, Runnable::run, Runnable::run, new BigDecimal("0.05"), preparations,
                List.of((runId, definition, asOf) -> events.add("tactical " + runId)), List.of(runId -> events.add("measure " + runId)),
                trail, () -> "ana", Clock.fixed(NOW, ZoneOffset.UTC), DIRECT);
    }

    private void active(String template) {
        definitions.active = Optional.of(new StoredSegmentation(5, SegmentationTemplates.instantiate(template, "Active"),
                DefinitionStatus.ACTIVE, 1, template, NOW, NOW, false));
    }

    @Test
    void aSegmentationReadingPredictionsFitsThemBeforeItAssignsAndTheRunCompletesWithItsCustomers() {
        active("predicted-value-tiers");

        SegmentationRunView run = service().runAndWait(TODAY);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.customers()).isEqualTo(3);
        assertThat(events).containsExactly("predict before 1", "assign 1 as of 2026-12-07", "tactical 1", "complete 1 with 3",
                "claim 1", "ready 1", "measure 1", "followed up 1", "release 1");
        assertThat(audit).containsExactly(AuditEntry.of("ana", AuditAction.RAN, "segmentation_run", "1")
                .withDetail("segmentation 5 as of 2026-12-07"));
    }

    /**
     * Session 60: the run's worker refuses the run once it is recorded (Strata stops: the worker was shut down). The start
     * says so (the run began and was cut), naming the run, which stays RUNNING with its claim for the next start's sweep,
     * and with what the schedule recorded of it; before, the worker's refusal came out as if the run had not started.
     */
    @Test
    void aRunItsWorkerRefusesAfterItWasRecordedIsSaidBegunAndCutAndKeepsItsRecord() {
        active("frequency-tiers");
        List<Long> recordedBySchedule = new ArrayList<>();
        SegmentationRunService stopping = new SegmentationRunService(definitions, runs, engine, work -> {
            throw new java.util.concurrent.RejectedExecutionException("the run's worker is shut down");
        }, Runnable::run, new BigDecimal("0.05"), List.of(), List.of(), List.of(), new ListTrail(audit), () -> "system",
                Clock.fixed(NOW, ZoneOffset.UTC), DIRECT);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stopping.startClaimed(TODAY, () -> true, recordedBySchedule::add))
                .isInstanceOfSatisfying(RunBegunThenFailed.class, began -> {
                    assertThat(began.runId()).isEqualTo(1);
                    assertThat(began.cut()).isTrue();
                });
        assertThat(runs.stored.get(1L).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(runs.abandoned).as("its claim kept: it ends with the process, for the sweep").isEmpty();
        assertThat(recordedBySchedule).containsExactly(1L);

        // a claim refused: nothing recorded, and the id reserved for it given back
        assertThat(service().startClaimed(TODAY, () -> false, recordedBySchedule::add)).isEmpty();
        assertThat(runs.abandoned).containsExactly(2L);
        assertThat(runs.stored).containsOnlyKeys(1L);
    }

    @Test
    void otherwiseThePredictionsReadTheAssignmentsSnapshotBesideIt() {
        active("frequency-tiers");
        engine = new SegmentationEngine() {
            @Override
            public long assign(long runId, GeneralSegmentation definition, LocalDate asOf) {
                throw new AssertionError("the engine shares its snapshot");
            }

            @Override
            public long assign(long runId, GeneralSegmentation definition, LocalDate asOf, Consumer<RunSnapshot> snapshotTaken) {
                events.add("snapshot taken");
                snapshotTaken.accept(new RunSnapshot("00000003-0000001B-1"));
                events.add("assigned");
                return 4;
            }
        };

        SegmentationRunView run = service().runAndWait(TODAY);

        assertThat(run.customers()).isEqualTo(4);
        assertThat(events).startsWith("snapshot taken", "predict alongside 1 on 00000003-0000001B-1", "assigned", "tactical 1",
                "complete 1 with 4");
        assertThat(events).doesNotContain("predict before 1");
    }

    @Test
    void anEngineThatCannotShareItsSnapshotHasThePredictionsFollowTheAssignment() {
        active("frequency-tiers");

        service().runAndWait(TODAY);

        assertThat(events).startsWith("assign 1 as of 2026-12-07", "predict before 1", "tactical 1", "complete 1 with 3");
    }

    @Test
    void withoutPreparationsTheEngineAssignsWithoutHandingItsSnapshot() {
        active("frequency-tiers");
        preparations = List.of();
        engine = new SegmentationEngine() {
            @Override
            public long assign(long runId, GeneralSegmentation definition, LocalDate asOf) {
                events.add("plain assign");
                return 2;
            }

            @Override
            public long assign(long runId, GeneralSegmentation definition, LocalDate asOf, Consumer<RunSnapshot> snapshotTaken) {
                throw new AssertionError("nothing to hand the snapshot to");
            }
        };

        assertThat(service().runAndWait(TODAY).customers()).isEqualTo(2);
        assertThat(events).startsWith("plain assign", "tactical 1", "complete 1 with 2");
    }

    @Test
    void aDefinitionsOwnRefusalFailsTheRunInItsWordsAndAnythingElseAsAnIncidentWithAReference() {
        active("frequency-tiers");
        engine = (runId, definition, asOf) -> {
            throw new IllegalArgumentException("the rule of stage 2 reads an attribute 'plan' that no customer has");
        };
        SegmentationRunView refused = service().runAndWait(TODAY);
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.error()).isEqualTo("the rule of stage 2 reads an attribute 'plan' that no customer has");

        engine = (runId, definition, asOf) -> {
            throw new IllegalStateException("FATAL: terminating connection due to administrator command");
        };
        SegmentationRunView broken = service().runAndWait(TODAY);
        assertThat(broken.status()).isEqualTo(RunStatus.FAILED);
        assertThat(broken.error()).matches("Run 2 could not be completed because of a problem on Strata's side; the previous results stay"
                + " current \\(reference [0-9a-f]{8}\\)\\. Start the run again; if it fails again, give the reference to your administrator\\.");

        // an IllegalArgumentException of the JDK's (a library's likewise), not the product's: its words are no reason for
        // users (session 59; before, this run's reason was "Invalid UUID string: run 3")
        engine = (runId, definition, asOf) -> java.util.UUID.fromString("run " + runId).getLeastSignificantBits();
        SegmentationRunView foreign = service().runAndWait(TODAY);
        assertThat(foreign.status()).isEqualTo(RunStatus.FAILED);
        assertThat(foreign.error()).doesNotContain("UUID", "Invalid").matches("Run 3 could not be completed because of a problem on Strata's"
                + " side; the previous results stay current \\(reference [0-9a-f]{8}\\)\\. Start the run again; if it fails again, give the"
                + " reference to your administrator\\.");
        // a failed run has no follow-ups
        assertThat(events).doesNotContain("claim 1", "claim 2", "claim 3", "tactical 1", "tactical 2", "tactical 3");
    }

    /**
     * Whether a failure's words are the product's is decided by its type first, then by where it was made (session 60).
     * A refusal of Strata's own type made by a JDK method through a constructor reference has a JDK frame innermost (the
     * reference's own frame is hidden): until session 60 it was taken for the JDK's and its words replaced by an
     * incident's. The JDK's own refusal, made inside a JDK method that Strata's code handed a method reference, is still
     * not the product's.
     */
    @Test
    void aProductRefusalMadeByAJdkMethodKeepsItsWordsAndTheJdksOwnMadeThereIsStillHidden() {
        active("frequency-tiers");
        String words = "the rule of stage 2 reads an attribute 'plan' that no customer has";
        engine = (runId, definition, asOf) -> {
            throw java.util.Optional.of(words).map(io.strata.domain.segmentation.InvalidSegmentation::new).orElseThrow();
        };
        // the oracle's premise: the innermost frame shown is the JDK's, as a constructor reference leaves it
        Throwable made = catchThrowable(() -> engine.assign(1, null, TODAY));
        assertThat(made.getStackTrace()[0].getClassName()).isEqualTo("java.util.Optional");

        SegmentationRunView refused = service().runAndWait(TODAY);
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.error()).isEqualTo(words);

        engine = (runId, definition, asOf) -> java.util.stream.Stream.of("run " + runId).map(java.util.UUID::fromString).findFirst()
                .orElseThrow().getLeastSignificantBits();
        SegmentationRunView foreign = service().runAndWait(TODAY);
        assertThat(foreign.status()).isEqualTo(RunStatus.FAILED);
        assertThat(foreign.error()).doesNotContain("UUID", "Invalid").matches("Run 2 could not be completed because of a problem on Strata's"
                + " side; the previous results stay current \\(reference [0-9a-f]{8}\\)\\. Start the run again; if it fails again, give the"
                + " reference to your administrator\\.");
    }

    @Test
    void aRunIsAsOfADayFrom1900ToTomorrowAndAnyOtherIsRefusedBeforeAnythingIsWritten() {
        active("frequency-tiers");
        String refusal = " is outside the dates a run can be as of, 1900-01-01 to 2026-12-08 (a day past today); leave asOf out to run as of today";

        assertThatThrownBy(() -> service().start(LocalDate.of(2026, 12, 9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asOf 2026-12-09" + refusal);
        assertThatThrownBy(() -> service().start(LocalDate.of(1899, 12, 31))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asOf 1899-12-31" + refusal);
        assertThat(runs.stored).isEmpty();
        assertThat(audit).isEmpty();

        assertThat(service().start(LocalDate.of(2026, 12, 8)).asOf()).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(service().start(LocalDate.of(1900, 1, 1)).asOf()).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @Test
    void withoutAnActiveSegmentationNoRunBegins() {
        assertThatThrownBy(() -> service().runAndWait(TODAY)).isInstanceOf(NoActiveSegmentation.class);
        assertThat(runs.stored).isEmpty();
    }

    @Test
    void theWorkAfterARunIsDoneOnceUnderItsClaimAndPreparesTheMigrationsOfUpToElevenEarlierPairs() {
        active("frequency-tiers");
        // runs 1 to 13 completed before; the new run is 14
        for (long id = 1; id <= 13; id++) {
            runs.previous.put(id + 1, id);
        }
        runs.nextId = 14;

        service().runAndWait(TODAY);

        assertThat(runs.migrations).containsExactly("13->14", "12->13", "11->12", "10->11", "9->10", "8->9", "7->8", "6->7", "5->6", "4->5",
                "3->4");
        assertThat(events).endsWith("claim 14", "ready 14", "measure 14", "followed up 14", "release 14");

        // another thread holds the claim: nothing is done here
        events.clear();
        runs.claimable = false;
        runs.followedUp.clear();
        service().resumeFollowUps();
        assertThat(events).containsExactly("claim 14");

        // followed up already: claimed and released, nothing done again
        events.clear();
        runs.claimable = true;
        runs.followedUp.add(14L);
        service().resumeFollowUps();
        assertThat(events).isEmpty();
    }

    @Test
    void aRunFollowedUpAlreadyIsOnlyClaimedAndReleased() {
        active("frequency-tiers");
        runs.followedUpWhenClaimed = true;

        service().runAndWait(TODAY);

        assertThat(events).endsWith("complete 1 with 3", "claim 1", "release 1");
    }

    @Test
    void aFailingFollowUpDoesNotKeepTheOthersFromTheirWork() {
        active("frequency-tiers");
        runs.readyFails = true;
        runs.previous.put(1L, 0L);
        runs.migrationFails = true;

        service().runAndWait(TODAY);

        assertThat(events).endsWith("claim 1", "measure 1", "followed up 1", "release 1");
    }

    @Test
    void aStopDuringTheWorkAfterARunLeavesItsLaterStepsAndTheMarkForTheNextStartWhichDoesThemAll() {
        active("frequency-tiers");
        runs.previous.put(1L, 0L);
        AuditTrail trail = new ListTrail(audit);
        SegmentationRunService[] stopped = new SegmentationRunService[1];
        // the stop arrives while the first measurement is under way: it finishes, the second never starts
        stopped[0] = new SegmentationRunService(definitions, runs, engine, Runnable::run, Runnable::run, new BigDecimal("0.05"), List.of(),
                List.of(), List.of(runId -> {
                    events.add("programme " + runId);
                    stopped[0].stopFollowUps();
                }, runId -> events.add("campaigns " + runId)), trail, () -> "ana", Clock.fixed(NOW, ZoneOffset.UTC), DIRECT);

        stopped[0].runAndWait(TODAY);

        assertThat(events).endsWith("complete 1 with 3", "claim 1", "ready 1", "programme 1", "release 1");
        assertThat(runs.followedUp).isEmpty();
        // stopped: a run completing now leaves its follow-ups undone, and the start's resumption does nothing
        events.clear();
        stopped[0].runAndWait(TODAY);
        stopped[0].resumeFollowUps();
        assertThat(events).containsExactly("assign 2 as of 2026-12-07", "complete 2 with 3");

        // the next start (a new service) does the whole of the latest run's work
        events.clear();
        service().resumeFollowUps();
        assertThat(events).containsExactly("claim 2", "ready 2", "measure 2", "followed up 2", "release 2");
        assertThat(runs.migrations).containsExactly("0->1");
    }

    @Test
    void readersAskForAtLeastOneAndAtMostAPageAndOneMoreRowsAndASearchWithoutItsBlanks() {
        service().recentRuns(0);
        service().recentRuns(1002);
        service().recentRuns(1001);
        service().recentRuns(42);
        assertThat(runs.recentLimits).containsExactly(1, 1001, 1001, 42);

        assertThat(service().segmentMembers(7, "loyal", "  ann  ", -3, 0)).containsExactly(ANN);
        service().segmentMembers(7, "loyal", "   ", 9, 501);
        service().segmentMembers(7, "loyal", null, 9, 500);
        assertThat(runs.memberQueries).containsExactly("7 loyal ann 0 1", "7 loyal null 9 500", "7 loyal null 9 500");
    }

    @Test
    void aMigrationComparesTwoRunsOfOneSegmentationOnly() {
        runs.stored.put(1L, run(1, 5, RunStatus.COMPLETED));
        runs.stored.put(2L, run(2, 6, RunStatus.COMPLETED));
        runs.stored.put(3L, run(3, 6, RunStatus.COMPLETED));
        runs.previous.put(3L, 2L);

        assertThatThrownBy(() -> service().migration(1L, 2)).isInstanceOf(SegmentationConflict.class)
                .hasMessage("runs 1 and 2 belong to different segmentations; migration compares runs of one segmentation");
        assertThatThrownBy(() -> service().migration(null, 2)).isInstanceOf(SegmentationNotFound.class)
                .hasMessage("run 2 has no earlier completed run of the same segmentation to compare with");
        assertThat(service().migration(null, 3)).isEqualTo(migrationView(2, 3, 3));
        assertThat(service().migration(2L, 3)).isEqualTo(migrationView(2, 3, 3));
        assertThat(runs.migrations).containsExactly("2->3", "2->3");
    }

    @Test
    void aStartedRunIsAnsweredRunningAndComputedOnTheRunsWorker() {
        active("frequency-tiers");
        List<Runnable> worker = new ArrayList<>();
        SegmentationRunService service = new SegmentationRunService(definitions, runs, engine, worker::add, Runnable::run, new BigDecimal("0.05"),
                List.of(), List.of(), List.of(), new AuditTrail() {
                    @Override
                    public void record(AuditEntry entry) {
                        audit.add(entry);
                    }

                    @Override
                    public AuditPage find(AuditQuery query) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public io.strata.application.audit.AuditSlice findBefore(AuditQuery query, Long beforeId) {
                        throw new UnsupportedOperationException();
                    }
                }, () -> "ana", Clock.fixed(NOW, ZoneOffset.UTC), DIRECT);

        assertThat(service.start(TODAY).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(events).isEmpty();

        worker.forEach(Runnable::run);
        assertThat(runs.stored.get(1L).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(events).startsWith("assign 1 as of 2026-12-07");

        // a caller interrupted while it waits gets the run as it stands, and keeps its interrupt
        Thread.currentThread().interrupt();
        assertThat(service.runAndWait(TODAY).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aPreparationBesideTheAssignmentIsWaitedForAndItsFailureFailsTheRun() {
        active("frequency-tiers");
        engine = new SegmentationEngine() {
            @Override
            public long assign(long runId, GeneralSegmentation definition, LocalDate asOf) {
                throw new AssertionError("the engine shares its snapshot");
            }

            @Override
            public long assign(long runId, GeneralSegmentation definition, LocalDate asOf, Consumer<RunSnapshot> snapshotTaken) {
                snapshotTaken.accept(new RunSnapshot("1A"));
                return 4;
            }
        };
        preparations = List.of(new RunPreparation() {
            @Override
            public void beforeAssignment(long runId, LocalDate asOf) {
                throw new AssertionError("the predictions go beside the assignment");
            }

            @Override
            public void alongsideAssignment(long runId, LocalDate asOf, RunSnapshot snapshot, Runnable snapshotRead) {
                snapshotRead.run();
                throw new IllegalArgumentException("the predictions' table could not be read: no column x");
            }
        });

        SegmentationRunView run = service().runAndWait(TODAY);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("the predictions' table could not be read: no column x");
        assertThat(events).doesNotContain("complete 1 with 4");
    }

    @Test
    void readersGetTheRunsAndRowsTheStoreHolds() {
        runs.stored.put(1L, run(1, 5, RunStatus.COMPLETED));
        runs.stored.put(2L, run(2, 5, RunStatus.COMPLETED));
        runs.previous.put(2L, 1L);
        runs.followedUp.add(2L);

        assertThat(service().run(2)).map(SegmentationRunView::runId).contains(2L);
        assertThat(service().run(9)).isEmpty();
        assertThat(service().latestCompletedRun()).map(SegmentationRunView::runId).contains(2L);
        assertThat(service().recentRuns(1)).extracting(SegmentationRunView::runId).containsExactly(2L);
        assertThat(service().followedUp(2)).isTrue();
        assertThat(service().followedUp(1)).isFalse();
        assertThatThrownBy(() -> service().followedUp(9)).isInstanceOf(SegmentationNotFound.class).hasMessage("there is no run 9");
        assertThat(service().storedMigration(2)).contains(migrationView(1, 2, 9));
        assertThat(service().storedMigration(1)).isEmpty();
        assertThat(service().segmentHistory("ann")).extracting(CustomerRunEntry::runId).containsExactly(3L);
        List<AssignmentRow> rows = new ArrayList<>();
        service().assignments(2, rows::add);
        assertThat(rows).extracting(AssignmentRow::customerId).containsExactly("c-2");
        assertThatThrownBy(() -> service().assignments(9, rows::add)).isInstanceOf(SegmentationNotFound.class);
    }

    private static final SegmentMember ANN = new SegmentMember(4, "ann", "ann@example.org", "Lyon", 5, 4, 3, 2, 9, BigDecimal.ONE);

    private static MigrationView migrationView(long from, long to, long stayed) {
        return new MigrationView(from, to, List.of("loyal"), Map.of(), Map.of(), Map.of(), 0, 0, stayed);
    }

    private static StoredRun run(long id, long segmentationId, RunStatus status) {
        return new StoredRun(id, segmentationId, "s" + segmentationId, status, TODAY, NOW, NOW, 10L, null, List.of());
    }

    /** Runs in memory; each call the service makes after the assignment is written to {@code events}. */
    private final class MemoryRuns implements SegmentationRuns {
        final Map<Long, StoredRun> stored = new HashMap<>();
        final Map<Long, Long> previous = new HashMap<>();
        final List<String> migrations = new ArrayList<>();
        final List<Long> followedUp = new ArrayList<>();
        final List<Integer> recentLimits = new ArrayList<>();
        final List<String> memberQueries = new ArrayList<>();
        long nextId = 1;
        boolean claimable = true;
        boolean followedUpWhenClaimed;
        boolean readyFails;
        boolean migrationFails;

        @Override
        public long reserve() {
            return nextId++;
        }

        @Override
        public <T> T onClaim(long runId, java.util.function.Supplier<T> work) {
            return work.get();
        }

        @Override
        public void begin(long id, long segmentationId, LocalDate asOf) {
            stored.put(id, new StoredRun(id, segmentationId, "Active", RunStatus.RUNNING, asOf, NOW, null, null, null, List.of()));
        }

        final List<Long> abandoned = new ArrayList<>();

        @Override
        public void abandon(long runId) {
            abandoned.add(runId);
            stored.remove(runId);
        }

        @Override
        public void complete(long runId, long customers) {
            events.add("complete " + runId + " with " + customers);
            StoredRun r = stored.get(runId);
            stored.put(runId, new StoredRun(runId, r.segmentationId(), r.segmentationName(), RunStatus.COMPLETED, r.asOf(), r.startedAt(), NOW,
                    customers, null, List.of()));
        }

        @Override
        public void fail(long runId, String error) {
            StoredRun r = stored.get(runId);
            stored.put(runId, new StoredRun(runId, r.segmentationId(), r.segmentationName(), RunStatus.FAILED, r.asOf(), r.startedAt(), NOW,
                    null, error, List.of()));
        }

        @Override
        public String readyForReaders(long runId) {
            if (readyFails) {
                throw new IllegalStateException("could not analyze");
            }
            events.add("ready " + runId);
            return "analyzed";
        }

        @Override
        public void followedUp(long runId) {
            events.add("followed up " + runId);
            followedUp.add(runId);
        }

        @Override
        public boolean isFollowedUp(long runId) {
            return followedUpWhenClaimed || followedUp.contains(runId);
        }

        @Override
        public boolean claimFollowUps(long runId) {
            events.add("claim " + runId);
            return claimable;
        }

        @Override
        public void releaseFollowUps(long runId) {
            events.add("release " + runId);
        }

        @Override
        public Optional<MigrationView> storedMigration(long fromRunId, long toRunId) {
            return Optional.of(migrationView(fromRunId, toRunId, 9));
        }

        @Override
        public Optional<StoredRun> find(long runId) {
            return Optional.ofNullable(stored.get(runId));
        }

        @Override
        public List<StoredRun> recent(Long before, int limit) {
            recentLimits.add(limit);
            return stored.values().stream().filter(r -> before == null || r.runId() < before)
                    .sorted((a, b) -> Long.compare(b.runId(), a.runId())).limit(limit).toList();
        }

        @Override
        public Optional<Long> latestCompleted() {
            return stored.values().stream().filter(r -> r.status() == RunStatus.COMPLETED).map(StoredRun::runId).max(Long::compare);
        }

        @Override
        public Optional<Long> previousCompleted(long runId) {
            return Optional.ofNullable(previous.get(runId));
        }

        @Override
        public void streamAssignments(long runId, Consumer<AssignmentRow> rows) {
            rows.accept(new AssignmentRow("c-" + runId, "loyal", null, null, null, 12, 7, BigDecimal.TEN));
        }

        @Override
        public MigrationView migration(long fromRunId, long toRunId) {
            if (migrationFails) {
                throw new IllegalStateException("lock timeout");
            }
            migrations.add(fromRunId + "->" + toRunId);
            return migrationView(fromRunId, toRunId, 3);
        }

        @Override
        public List<SegmentMember> members(long runId, String segmentKey, String search, long afterKey, int limit) {
            memberQueries.add(runId + " " + segmentKey + " " + search + " " + afterKey + " " + limit);
            return List.of(ANN);
        }

        @Override
        public List<CustomerRunEntry> historyOf(String customerId) {
            return List.of(new CustomerRunEntry(3, TODAY, 6, "s6", "loyal", "Loyal", null, null, null, 12, 7, BigDecimal.TEN));
        }
    }
}
