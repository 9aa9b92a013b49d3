package io.strata.application.campaign;

import io.strata.application.audit.ListTrail;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.port.out.Holdouts;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GlobalHoldout;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.IncrementalRevenue;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.RevenueSample;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
 * The global holdout's share and draw and the programme's effect ({@link ProgrammeHoldout}) with the stores in memory.
 * Oracles: the stored holdouts, counts and runs written out here.
 */
class ProgrammeHoldoutTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant DRAWN = Instant.parse("2026-11-01T00:00:00Z");
    private static final RevenueSample HELD_OUT = new RevenueSample(50, new BigDecimal("900.00"), new BigDecimal("40000.00"));
    private static final RevenueSample OTHERS = new RevenueSample(950, new BigDecimal("21000.00"), new BigDecimal("800000.00"));

    private final MemoryHoldouts holdouts = new MemoryHoldouts();
    private final CompletedRuns runs = new CompletedRuns();
    private final Map<Long, Long> laterRuns = new HashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    private ProgrammeHoldout programme() {
        CampaignOutcomes outcomes = new CampaignOutcomes() {
            @Override
            public Optional<Long> laterRun(long frozenRunId) {
                return Optional.ofNullable(laterRuns.get(frozenRunId));
            }

            @Override
            public List<GroupConversions> conversions(long campaignId, Instant from, Instant to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<GroupMovedUp> movedUp(long campaignId, long frozenRunId, long laterRunId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<AudienceGroup, IncrementalRevenue.Spread> revenueSpread(long campaignId, Instant from, Instant to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ConversionDay> firstConversionsByDay(long campaignId, Instant from, Instant to) {
                throw new UnsupportedOperationException();
            }
        };
        AuditTrail trail = new ListTrail(audit);
        Transactions transactions = new Transactions() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                holdouts.locked = false;
                T done = work.get();
                assertThat(holdouts.locked).as("the holdout is held for the change").isTrue();
                return done;
            }
        };
        return new ProgrammeHoldout(holdouts, new CampaignTargets(null, runs, null, null), outcomes, trail, () -> "ana", transactions,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aNewShareKeepsTheDrawAndItsBaselineAndIsAudited() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, 8L);

        HoldoutView view = programme().changeShare(new BigDecimal("12.5"));

        assertThat(holdouts.stored).isEqualTo(new StoredHoldout(new GlobalHoldout(new BigDecimal("12.5"), 1), DRAWN, 8L));
        assertThat(view).isEqualTo(new HoldoutView(new BigDecimal("12.5"), 1, DRAWN, 8L, 1000, 125));
        assertThat(audit).containsExactly(AuditEntry.of("ana", AuditAction.CHANGED, "holdout", "global")
                .withDetail("share 5% -> 12.5% (draw 1)"));
    }

    @Test
    void aShareOutsideZeroToFiftyIsRefusedBeforeTheHoldoutIsHeld() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, 8L);

        assertThatThrownBy(() -> programme().changeShare(new BigDecimal("50.01"))).isInstanceOf(InvalidCampaign.class);

        assertThat(holdouts.locked).isFalse();
        assertThat(holdouts.stored.holdout()).isEqualTo(GlobalHoldout.standard());
        assertThat(audit).isEmpty();
    }

    @Test
    void aNewDrawStartsTheMeasurementOverFromNowAndTheLatestCompletedRun() {
        holdouts.stored = new StoredHoldout(new GlobalHoldout(new BigDecimal("10"), 3), DRAWN, 8L);
        runs.completed(11, "loyal");

        HoldoutView view = programme().redraw();

        assertThat(holdouts.stored).isEqualTo(new StoredHoldout(new GlobalHoldout(new BigDecimal("10"), 4), NOW, 11L));
        assertThat(view.draw()).isEqualTo(4);
        assertThat(view.baselineRunId()).isEqualTo(11L);
        assertThat(audit).containsExactly(AuditEntry.of("ana", AuditAction.CHANGED, "holdout", "global").withDetail("draw 3 -> 4 (share 10%)"));
    }

    @Test
    void aDrawBeforeAnyCompletedRunHasNoBaselineYet() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, 8L);

        programme().redraw();

        assertThat(holdouts.stored.baselineRunId()).isNull();
    }

    @Test
    void theEffectComparesRevenueSinceTheDrawAndTheMovedUpShareFromTheBaselineToTheLaterRun() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, 8L);
        laterRuns.put(8L, 14L);

        ProgrammeEffect effect = programme().effect();

        assertThat(holdouts.revenueAsked).containsExactly(DRAWN + " " + NOW);
        assertThat(holdouts.migrationsAsked).containsExactly("8->14");
        assertThat(effect).isEqualTo(new ProgrammeEffect(new HoldoutView(GlobalHoldout.DEFAULT_SHARE, 1, DRAWN, 8L, 1000, 50), DRAWN, NOW,
                HELD_OUT, OTHERS, 8L, 14L, new CampaignResult(new GroupOutcome(940, 0, BigDecimal.ZERO, 120L),
                new GroupOutcome(60, 0, BigDecimal.ZERO, 5L))));
    }

    @Test
    void withoutABaselineTheFirstRunCompletedAfterTheDrawIsOneAndWithoutALaterRunThereIsNoMigration() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, null);
        holdouts.firstAfterDraw = 9L;

        ProgrammeEffect effect = programme().effect();

        assertThat(effect.baselineRunId()).isEqualTo(9L);
        assertThat(effect.holdout().baselineRunId()).isNull();
        assertThat(effect.laterRunId()).isNull();
        assertThat(effect.migration()).isNull();
        assertThat(holdouts.migrationsAsked).isEmpty();

        laterRuns.put(9L, 10L);
        assertThat(programme().effect().laterRunId()).isEqualTo(10L);
        assertThat(holdouts.migrationsAsked).containsExactly("9->10");

        holdouts.firstAfterDraw = null;
        assertThat(programme().effect().baselineRunId()).isNull();
    }

    @Test
    void eachCompletedRunKeepsTheMeasurementAndTheStandingShowsItOnlyForTheCurrentShareAndDraw() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, 8L);

        programme().afterCompletion(21);

        ProgrammeMeasurement kept = holdouts.measurement;
        assertThat(kept.runId()).isEqualTo(21);
        assertThat(kept.measuredAt()).isEqualTo(NOW);
        assertThat(kept.effect()).isEqualTo(programme().effect());
        assertThat(programme().standing()).isEqualTo(new ProgrammeStanding(holdouts.stored, Optional.of(kept)));

        holdouts.stored = new StoredHoldout(new GlobalHoldout(new BigDecimal("5.00"), 1), DRAWN, 8L);
        assertThat(programme().standing().measurement()).contains(kept);
        holdouts.stored = new StoredHoldout(new GlobalHoldout(new BigDecimal("6"), 1), DRAWN, 8L);
        assertThat(programme().standing().measurement()).isEmpty();
        holdouts.stored = new StoredHoldout(new GlobalHoldout(new BigDecimal("5"), 2), DRAWN, 8L);
        assertThat(programme().standing().measurement()).isEmpty();
    }

    @Test
    void theHoldoutIsShownWithItsSize() {
        holdouts.stored = new StoredHoldout(GlobalHoldout.standard(), DRAWN, 8L);

        assertThat(programme().holdout()).isEqualTo(new HoldoutView(GlobalHoldout.DEFAULT_SHARE, 1, DRAWN, 8L, 1000, 125));
    }

    /** 1,000 customers, 125 of them held out (what size() answers; the revenue's samples count 50 and 950). */
    private static final class MemoryHoldouts implements Holdouts {
        StoredHoldout stored;
        boolean locked;
        Long firstAfterDraw;
        ProgrammeMeasurement measurement;
        final List<String> revenueAsked = new ArrayList<>();
        final List<String> migrationsAsked = new ArrayList<>();

        @Override
        public StoredHoldout current() {
            return stored;
        }

        @Override
        public StoredHoldout lockForChange() {
            locked = true;
            return stored;
        }

        @Override
        public void save(StoredHoldout holdout) {
            assertThat(locked).as("saved while held").isTrue();
            stored = holdout;
        }

        @Override
        public HoldoutSize size() {
            return new HoldoutSize(1000, 125);
        }

        @Override
        public HoldoutRevenue revenue(Instant from, Instant to) {
            revenueAsked.add(from + " " + to);
            return new HoldoutRevenue(HELD_OUT, OTHERS);
        }

        @Override
        public Optional<Long> firstRunCompletedAfter(Instant at) {
            assertThat(at).isEqualTo(DRAWN);
            return Optional.ofNullable(firstAfterDraw);
        }

        @Override
        public HoldoutMigration migration(long fromRunId, long toRunId) {
            migrationsAsked.add(fromRunId + "->" + toRunId);
            return new HoldoutMigration(60, 5, 940, 120);
        }

        @Override
        public void saveMeasurement(ProgrammeMeasurement measurement) {
            this.measurement = measurement;
        }

        @Override
        public Optional<ProgrammeMeasurement> latestMeasurement() {
            return Optional.ofNullable(measurement);
        }
    }
}
