package io.strata.application.prediction;

import io.strata.application.incident.Incident;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.prediction.port.out.PurchaseHistories;
import io.strata.application.prediction.port.out.RunPredictions;
import io.strata.application.segmentation.AssignmentPace;
import io.strata.application.segmentation.RunPreparation;
import io.strata.application.segmentation.RunSnapshot;
import io.strata.application.segmentation.RunStatus;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.FitPolicy;
import io.strata.domain.prediction.NotFitted;
import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Predicted customer value: at each run (a run preparation: before the assignment when the segmentation reads
 * predictions, otherwise beside it on its snapshot; always before the tactical segments, whose rules may read them)
 * BG/NBD and Gamma-Gamma are fitted to the buyers as of the run's date and every buyer is scored. A fit that is refused or fails leaves the run complete with
 * predictions "not fitted" and the reason; it never fails the run.
 */
public final class PredictionService implements ReadPredictions, RunPreparation {

    private static final Logger log = Logger.getLogger(PredictionService.class.getName());
    /** The back-test's last group holds buyers with this many repeat purchases or more, as in the paper's figure. */
    static final int TOP_GROUP = 7;
    static final int MAX_HOLDOUT_WEEKS = 520;

    private final PurchaseHistories histories;
    private final RunPredictions predictions;
    private final SegmentationRuns runs;
    private final FitPolicy policy;
    private final ValueHorizon horizon;
    private final FitBounds bounds;

    public PredictionService(PurchaseHistories histories, RunPredictions predictions, SegmentationRuns runs, FitPolicy policy,
                             ValueHorizon horizon, FitBounds bounds) {
        this.histories = histories;
        this.predictions = predictions;
        this.runs = runs;
        this.policy = policy;
        this.horizon = horizon;
        this.bounds = bounds;
    }

    @Override
    public void beforeAssignment(long runId, LocalDate asOf) {
        predict(runId, asOf, Optional.empty(), () -> { });
    }

    /** On the assignment's snapshot: the buyers are exactly those the assignment sees, whatever commits meanwhile. */
    @Override
    public void alongsideAssignment(long runId, LocalDate asOf, RunSnapshot snapshot, Runnable snapshotRead) {
        try {
            predict(runId, asOf, Optional.of(snapshot), snapshotRead);
        } finally {
            snapshotRead.run();
        }
    }

    private void predict(long runId, LocalDate asOf, Optional<RunSnapshot> snapshot, Runnable snapshotRead) {
        long started = System.nanoTime();
        // the assignment writes the buyers' patterns into its rows: the predictions' per-customer part is there
        boolean carried = snapshot.map(RunSnapshot::buyersCarried).orElse(false);
        // beside the assignment: its statement's parallel part first, the predictions in the cores it leaves idle
        AssignmentPace pace = snapshot.map(RunSnapshot::pace).orElse(AssignmentPace.NONE);
        try {
            BuyerFacts facts = histories.ofRun(runId, asOf, snapshot, snapshotRead, bounds);
            pace.giveWay();
            long read = System.nanoTime();
            ValueModel model = fit(facts);
            long fitted = System.nanoTime();
            int fittedPatterns = facts.patterns().size();
            // the distinct (x, T) of every buyer when they are known (the fit read every pattern, or a sample of the
            // buyers beside their (x, T)), in scoring order: not grouped again
            Optional<List<BuyerAge>> held = facts.agesToScore();
            facts = null; // the columns may go while the patterns are scored
            if (model instanceof ValueModel.Fitted fit) {
                try {
                    predictions.save(summary(runId, model), asOf, Optional.of(scoring(fit, held, pace)), fit.gammaGamma(), carried);
                } catch (NotFitted e) {
                    // the store's transaction was rolled back; the run keeps its buyers with empty predicted fields
                    model = new ValueModel.Unfitted(e.getMessage(), fit.customers(), fit.repeatBuyers());
                    predictions.save(summary(runId, model), asOf, Optional.empty(), null, carried);
                }
            } else {
                predictions.save(summary(runId, model), asOf, Optional.empty(), null, carried);
            }
            String outcome = model instanceof ValueModel.Fitted ? "fitted" : "not fitted";
            log.info(() -> "run " + runId + ": predictions " + outcome + " on " + fittedPatterns + " patterns; buyer facts "
                    + (read - started) / 1_000_000 + " ms, fit " + (fitted - read) / 1_000_000 + " ms, forecasts and storing "
                    + (System.nanoTime() - fitted) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            // the reason is read by planners (API, back-test page): the product's words and a reference; the failure
            // itself, the database's words and the stack trace, goes to the log once under that reference (until
            // session 59 its message was appended to the reason)
            String reason = Incident.record("the models could not be fitted for run " + runId + " because of a problem on Strata's side,"
                    + " not in the data; the run's segments are complete without predicted values",
                    "The next run fits them again; if its predictions fail too, give the reference to your administrator.", e).message();
            saveQuietly(new PredictionSummary(runId, PredictionStatus.NOT_FITTED, reason, 0, 0, null, null, null, null, horizon.months(),
                    horizon.monthlyDiscount()), asOf, carried);
        } finally {
            try {
                histories.release(runId);
            } catch (RuntimeException e) {
                log.warning("run " + runId + ": its buyer table could not be dropped: " + e);
            }
        }
    }

    private ValueModel fit(BuyerFacts facts) {
        return ValueModel.fit(facts.patterns(), facts.spends(), policy, facts.customers(), facts.repeatBuyers());
    }

    /** {@code pace}: each chunk is scored once the assignment beside leaves a core idle (docs/predictions.md, "Order within a run"). */
    private PatternScoring scoring(ValueModel.Fitted fit, Optional<List<BuyerAge>> held, AssignmentPace pace) {
        return new PatternScoring() {
            @Override
            public List<PatternForecast.IfAlive> forecastsIfAlive(List<BuyerAge> chunk) {
                pace.giveWay();
                int[] x = new int[chunk.size()];
                double[] ages = new double[chunk.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = chunk.get(i).x();
                    ages[i] = chunk.get(i).ageInWeeks();
                }
                return List.of(fit.forecastsIfAlive(x, ages, horizon));
            }

            @Override
            public Optional<List<BuyerAge>> held() {
                return held;
            }
        };
    }

    /**
     * The warm-up's made-up buyers hold fewer repeat buyers than the fit's sample bound, so with the run's bounds their
     * spends would never be sampled, and a large base's run (more repeat buyers than the bound) would take the sample's
     * branch the JIT had compiled away: its compiled read was thrown away and compiled again in the first run
     * (docs/benchmarks.md, "Session 35: predictions"). A bound below the made-up repeat buyers (about 29,000) and above
     * the large base's threshold (20,000 repeat buyers, {@code ValueModel.SAMPLE_PATTERNS}) takes the large base's every branch.
     */
    static final int WARM_UP_REPEAT_BUYERS = 25_000;

    private FitBounds warmUpBounds() {
        return new FitBounds(bounds.patterns(), Math.min(bounds.repeatBuyers(), WARM_UP_REPEAT_BUYERS));
    }

    /**
     * The predictions' warm-up (at the application's start, before it takes requests): made-up buyers go through the
     * code a run's predictions take, in the same steps (read as a run's buyers are, fitted, put in scoring order,
     * scored, their forecasts put into the bytes the store sends), so that the JIT has compiled it before the first
     * run: the first runs after a start otherwise paid 1–2.5 s of compilation each on the two cores they share with the
     * assignment (docs/benchmarks.md, "Session 34: predictions"). Nothing is written and no result depends on it.
     */
    public PredictionWarmUp warmUp() {
        long started = System.nanoTime();
        BuyerFacts facts = histories.warmUpBuyers(warmUpBounds());
        ValueModel model = fit(facts);
        long bytes = 0;
        int ages = 0;
        int patterns = facts.patterns().size();
        if (model instanceof ValueModel.Fitted fit) {
            List<BuyerAge> held = facts.agesInScoringOrder();
            ages = held.size();
            bytes = predictions.warmUp(held, scoring(fit, Optional.of(held), AssignmentPace.NONE));
        }
        return new PredictionWarmUp(facts.customers(), patterns, facts.spends().size(), model, ages, bytes,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void saveQuietly(PredictionSummary summary, LocalDate asOf, boolean carried) {
        try {
            predictions.save(summary, asOf, Optional.empty(), null, carried);
        } catch (RuntimeException e) {
            log.warning("run " + summary.runId() + ": not even the refusal could be stored: " + e);
        }
    }

    private PredictionSummary summary(long runId, ValueModel model) {
        if (model instanceof ValueModel.Fitted f) {
            return new PredictionSummary(runId, PredictionStatus.FITTED, null, f.customers(), f.repeatBuyers(), f.bgNbd(), f.gammaGamma(),
                    f.logLikelihood(), f.spendCorrelation(), horizon.months(), horizon.monthlyDiscount());
        }
        ValueModel.Unfitted u = (ValueModel.Unfitted) model;
        return new PredictionSummary(runId, PredictionStatus.NOT_FITTED, u.reason(), u.customers(), u.repeatBuyers(), null, null, null, null,
                horizon.months(), horizon.monthlyDiscount());
    }

    @Override
    public PredictionSummary predictions(long runId) {
        completed(runId);
        return predictions.find(runId).orElseGet(() -> new PredictionSummary(runId, PredictionStatus.NOT_FITTED,
                "this run completed before Strata made predictions; start a new run", 0, 0, null, null, null, null, horizon.months(),
                horizon.monthlyDiscount()));
    }

    @Override
    public void customers(long runId, Consumer<CustomerPredictionRow> rows) {
        completed(runId);
        predictions.streamCustomers(runId, rows);
    }

    @Override
    public Map<String, Double> averagePredictedValues(long runId) {
        completed(runId);
        // the run's worker stores them after the run answers (PredictedValueAverages); while it is at its follow-ups a page
        // shows none rather than working them out itself (one pass over the run: 19.9 s at 10M, issue 19 item 3). A run
        // followed up without them (from before they were stored) has them worked out once here.
        return predictions.storedAveragePredictedValueBySegment(runId)
                .orElseGet(() -> runs.isFollowedUp(runId) ? predictions.averagePredictedValueBySegment(runId) : Map.of());
    }

    @Override
    public double maximumSpendCorrelation() {
        return policy.maximumSpendCorrelation();
    }

    @Override
    public Optional<CustomerPredictionRow> latestFor(String customerId) {
        return predictions.latestFor(customerId);
    }

    @Override
    public BackTest backTest(long runId, int holdoutWeeks) {
        StoredRun run = completed(runId);
        if (holdoutWeeks < 1 || holdoutWeeks > MAX_HOLDOUT_WEEKS) {
            throw new IllegalArgumentException("holdoutWeeks must be 1 to " + MAX_HOLDOUT_WEEKS + ", not " + holdoutWeeks);
        }
        LocalDate cutoff = run.asOf().minusDays(7L * holdoutWeeks);
        BuyerFacts facts = histories.asOf(cutoff, bounds);
        ValueModel model = ValueModel.fit(facts.patterns(), facts.spends(), policy, facts.customers(), facts.repeatBuyers());
        PredictionSummary summary = summary(runId, model);
        if (!(model instanceof ValueModel.Fitted fit)) {
            return new BackTest(runId, holdoutWeeks, cutoff, run.asOf(), summary, List.of(), null);
        }
        List<HoldoutGroup> groups = groups(cutoff, run.asOf(), fit.bgNbd(), holdoutWeeks);
        long customers = groups.stream().mapToLong(HoldoutGroup::customers).sum();
        double error = groups.stream().mapToDouble(g -> g.customers() * g.absoluteError()).sum();
        return new BackTest(runId, holdoutWeeks, cutoff, run.asOf(), summary, groups, customers == 0 ? null : error / customers);
    }

    /** Summed up by x as the patterns stream by: millions of patterns are never held at once. */
    private List<HoldoutGroup> groups(LocalDate cutoff, LocalDate end, BgNbd model, int holdoutWeeks) {
        TreeMap<Integer, double[]> byX = new TreeMap<>();
        histories.holdout(cutoff, end, h -> {
            BuyerPattern p = h.pattern();
            double expected = model.expectedPurchases(holdoutWeeks, p.x(), PatternForecast.weeks(p.recencyDays()),
                    PatternForecast.weeks(p.ageDays()));
            double[] group = byX.computeIfAbsent(Math.min(p.x(), TOP_GROUP), k -> new double[3]);
            group[0] += p.buyers();
            group[1] += p.buyers() * expected;
            group[2] += h.actualPurchases();
        });
        List<HoldoutGroup> groups = new ArrayList<>();
        byX.forEach((x, g) -> groups.add(new HoldoutGroup(x, x == TOP_GROUP, (long) g[0], g[1], (long) g[2])));
        return groups;
    }

    private StoredRun completed(long runId) {
        StoredRun run = runs.find(runId).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
        if (run.status() != RunStatus.COMPLETED) {
            throw new PredictionsNotReady("run " + runId + " is " + run.status() + "; predictions belong to completed runs only");
        }
        return run;
    }

}
