package io.strata.application.tactical;

import io.strata.application.tactical.port.out.TacticalSegments;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditEvent;
import io.strata.application.audit.EditCheck;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.application.prediction.port.out.RunPredictions;
import io.strata.application.segmentation.RunFollowUp;
import io.strata.application.segmentation.SegmentationConflict;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.RuleError;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.tactical.InvalidTacticalSegment;
import io.strata.domain.tactical.TacticalSegment;
import io.strata.domain.tactical.TacticalStatus;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Tactical segments: rules checked against the live field catalogue, members computed for every active one in each
 * run (as a run follow-up), previews against the latest run. Each change and its audit entry are one unit of work.
 */
public final class TacticalSegmentService implements ManageTacticalSegments, RunFollowUp {

    private static final Logger log = Logger.getLogger(TacticalSegmentService.class.getName());

    private final TacticalSegments segments;
    private final FieldCatalogues catalogues;
    private final TacticalMembership membership;
    private final SegmentationDefinitions definitions;
    private final SegmentationRuns runs;
    private final Clock clock;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;
    private final RunPredictions predictions;

    public TacticalSegmentService(TacticalSegments segments, FieldCatalogues catalogues, TacticalMembership membership,
                                  SegmentationDefinitions definitions, SegmentationRuns runs, Clock clock, AuditTrail audit,
                                  CurrentActor actor, Transactions transactions,
                                  RunPredictions predictions) {
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
        this.predictions = predictions;
        this.segments = segments;
        this.catalogues = catalogues;
        this.membership = membership;
        this.definitions = definitions;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public StoredTacticalSegment create(CreateTacticalSegment command) {
        TacticalSegment segment;
        try {
            segment = new TacticalSegment(command.name(), command.parentSegment(), command.rule(), command.hypothesis(),
                    TacticalStatus.ACTIVE);
        } catch (InvalidTacticalSegment invalid) {
            // a well-formed parent key that is not a segment is one more wrong field of the same answer; without an
            // active segmentation the fields are still the answer, and the missing segmentation comes once they are right
            List<InvalidTacticalSegment.Problem> problems = new java.util.ArrayList<>(invalid.problems());
            if (problems.stream().noneMatch(p -> p.field().equals("parentSegment")) && definitions.active().isPresent()) {
                int afterName = problems.get(0).field().equals("name") ? 1 : 0;
                parentProblem(command.parentSegment()).ifPresent(problem -> problems.add(afterName, problem));
            }
            throw new InvalidTacticalSegment(problems);
        }
        checkParent(segment.parentSegment());
        CheckedRule checked = catalogues.current().check(segment.rule());
        // the live count at save time, so that the list shows a number (marked as such) before the next run
        Optional<Preview> count = runs.latestCompleted()
                .map(runId -> membership.preview(runId, segment.parentSegment(), checked, LocalDate.now(clock), 0));
        return transactions.inOne(() -> {
            long id = segments.add(segment);
            count.ifPresent(c -> segments.recordCountAtSave(id, c.matching(), c.parentCustomers()));
            audit.record(AuditEntry.of(actor.name(), AuditAction.CREATED, "tactical_segment", Long.toString(id)).withAfter(snapshot(segment)));
            return segments.find(id).orElseThrow();
        });
    }

    @Override
    public StoredTacticalSegment revise(long id, CreateTacticalSegment command) {
        StoredTacticalSegment current = stored(id);
        if (!current.segment().isActive()) {
            throw changedMeanwhile(current);
        }
        return transactions.inOne(() -> {
            // held until the revision commits: two people revising the same version at once take turns, and the second
            // finds it archived by the first instead of making a second active version beside the first one's
            StoredTacticalSegment held = segments.lockForChange(id).orElseThrow(() -> new TacticalSegmentNotFound("there is no tactical segment " + id));
            if (!held.segment().isActive()) {
                throw changedMeanwhile(held);
            }
            StoredTacticalSegment revised = create(command);
            segments.markVersionOf(revised.id(), id);
            archive(id);
            audit.record(AuditEntry.of(actor.name(), AuditAction.CHANGED, "tactical_segment", Long.toString(revised.id()))
                    .withDetail("new version of tactical segment " + id));
            return revised;
        });
    }

    /**
     * The refusal of a revision of an archived version (a version is never changed in place, so the version an editor
     * read is the revision they read): what came after it, who did it and when, in words the console shows as they are.
     */
    private TacticalSegmentChangedMeanwhile changedMeanwhile(StoredTacticalSegment revised) {
        StoredTacticalSegment newest = segments.versions(revised.id(), null, 1).stream().findFirst().orElse(revised);
        Optional<AuditEvent> latest = new EditCheck(audit).latest("tactical_segment", Long.toString(newest.id()));
        String by = latest.map(AuditEvent::actor).orElse(null);
        java.time.Instant at = latest.map(AuditEvent::occurredAt).orElse(newest.createdAt());
        String byWhomWhen = (by == null ? "" : " by " + by) + " at " + EditCheck.minute(at);
        String name = "'" + revised.segment().name() + "'";
        String newer = "'" + newest.segment().name() + "' (" + newest.id() + ")";
        String message;
        if (newest.segment().isActive()) {
            message = name + " was changed after you read it: a newer version, " + newer + ", was saved" + byWhomWhen
                    + ". Your changes were not saved, so as not to replace that version unseen. They are still in the form: compare them"
                    + " with the newer version, then save again to make them the version after it, or leave the page to keep it as it is.";
        } else {
            message = (newest.id() == revised.id() ? name + " was archived after you read it," + byWhomWhen
                    : name + " was changed after you read it, and its newest version, " + newer + ", was archived" + byWhomWhen)
                    + ". Your changes were not saved: an archived tactical segment is not changed. They are still in the form: to keep"
                    + " them, create a new tactical segment with them.";
        }
        return new TacticalSegmentChangedMeanwhile(message, revised, newest, by, at);
    }

    @Override
    public List<String> firstMembers(long id, int limit) {
        stored(id);
        return runs.latestCompleted().map(runId -> membership.firstMembers(runId, id, Math.max(0, Math.min(limit, 500)))).orElse(List.of());
    }

    @Override
    public List<TacticalRunShare> shareOverRuns(long id) {
        stored(id);
        return membership.history(id);
    }

    private void checkParent(String parent) {
        parentProblem(parent).ifPresent(problem -> {
            throw new InvalidTacticalSegment(List.of(problem));
        });
    }

    private Optional<InvalidTacticalSegment.Problem> parentProblem(String parent) {
        GeneralSegmentation active = definitions.active().orElseThrow(() -> new SegmentationConflict(
                "no general segmentation is active; tactical segments live inside the active one's segments")).definition();
        if (active.segment(parent).isEmpty()) {
            return Optional.of(new InvalidTacticalSegment.Problem("parentSegment", "'" + parent + "' is not a segment of the active segmentation '"
                    + active.name() + "'; its segments are " + active.keys()));
        }
        return Optional.empty();
    }

    @Override
    public List<TacticalSegmentView> tacticalSegments() {
        Map<Long, RunSize> sizes = latestSizes();
        return segments.all().stream().map(s -> view(s, sizes)).toList();
    }

    @Override
    public List<TacticalSegmentView> newestOfEach(String parentSegment) {
        Map<Long, RunSize> sizes = latestSizes();
        return segments.newestOfEach(parentSegment).stream().map(s -> view(s, sizes)).toList();
    }

    @Override
    public Optional<StoredTacticalSegment> find(long id) {
        return segments.find(id);
    }

    @Override
    public List<TacticalSegmentView> tacticalSegments(Long after, int limit) {
        Map<Long, RunSize> sizes = latestSizes();
        return segments.page(after, Math.max(1, Math.min(limit, 1001))).stream().map(s -> view(s, sizes)).toList();
    }

    @Override
    public List<TacticalSegmentLine> currentTacticalSegments(Long before, int limit) {
        Map<Long, RunSize> sizes = latestSizes();
        return segments.newestVersions(before, Math.max(1, Math.min(limit, 1001))).stream()
                .map(v -> new TacticalSegmentLine(view(v.newest(), sizes), v.versions())).toList();
    }

    @Override
    public List<StoredTacticalSegment> versions(long id, Long before, int limit) {
        stored(id);
        return segments.versions(id, before, Math.max(1, Math.min(limit, 1001)));
    }

    @Override
    public TacticalSegmentView tacticalSegment(long id) {
        return view(stored(id), latestSizes());
    }

    @Override
    public TacticalSegmentView archive(long id) {
        return transactions.inOne(() -> {
            StoredTacticalSegment current = stored(id);
            segments.replace(id, current.segment().archived());
            audit.record(AuditEntry.of(actor.name(), AuditAction.ARCHIVED, "tactical_segment", Long.toString(id))
                    .withBefore(snapshot(current.segment())).withAfter(snapshot(current.segment().archived())).withDetail("archived"));
            return tacticalSegment(id);
        });
    }

    @Override
    public Preview preview(String parentSegment, String rule, int sampleSize) {
        TacticalSegment candidate = new TacticalSegment("preview", parentSegment, rule, "", TacticalStatus.ACTIVE);
        CheckedRule checked = catalogues.current().check(candidate.rule());
        long runId = runs.latestCompleted().orElseThrow(() -> new SegmentationConflict(
                "no segmentation run has completed yet; run the active segmentation first, then preview"));
        if (checked.namesPredictedFields()) {
            checkFitted(runId);
        }
        return membership.preview(runId, candidate.parentSegment(), checked, LocalDate.now(clock), Math.max(0, Math.min(sampleSize, 100)));
    }

    /**
     * A rule on predicted fields against a run whose models were not fitted would select by values that do not exist
     * (every predicted field is missing there): the preview says so instead of counting. The run's own memberships
     * treat them as missing, as for any customer without a prediction (docs/predictions.md).
     */
    private void checkFitted(long runId) {
        PredictionSummary summary = predictions.find(runId).orElse(null);
        if (summary == null || summary.status() != PredictionStatus.FITTED) {
            String reason = summary == null ? "the run completed before Strata made predictions" : summary.reason();
            throw new SegmentationConflict("the rule names predicted fields, but the predictions of run " + runId
                    + " (the latest completed) were not fitted: " + reason + "; every predicted field is empty in that run. "
                    + "Leave the predicted fields out, or preview again after a run whose predictions are fitted");
        }
    }

    @Override
    public void members(long id, Consumer<String> customerIds) {
        stored(id);
        runs.latestCompleted().ifPresent(runId -> membership.streamMembers(runId, id, customerIds));
    }

    @Override
    public FieldCatalogue catalogue() {
        return catalogues.current();
    }

    @Override
    public List<StoredTacticalSegment> segmentsOf(String customerId) {
        return runs.latestCompleted().map(runId -> membership.segmentsOf(runId, customerId)).orElse(List.of()).stream()
                .map(id -> segments.find(id)).flatMap(java.util.Optional::stream).toList();
    }

    @Override
    public void afterAssignment(long runId, GeneralSegmentation definition, LocalDate asOf) {
        FieldCatalogue catalogue = catalogues.current();
        List<MembershipRule> rules = new java.util.ArrayList<>();
        for (StoredTacticalSegment stored : segments.active()) {
            TacticalSegment segment = stored.segment();
            if (!segment.isActive() || definition.segment(segment.parentSegment()).isEmpty()) {
                continue;
            }
            CheckedRule rule;
            try {
                rule = catalogue.check(segment.rule());
            } catch (RuleError e) {
                // an attribute's type can change with later imports; one stale rule must not fail the whole run
                log.warning("tactical segment " + stored.id() + " skipped in run " + runId + ": " + e.getMessage());
                continue;
            }
            rules.add(new MembershipRule(stored.id(), segment.parentSegment(), rule));
        }
        if (!rules.isEmpty()) {
            membership.assign(runId, rules, asOf);
        }
    }

    private static AuditSnapshot.Values snapshot(TacticalSegment segment) {
        return AuditSnapshot.of("name", segment.name(), "parentSegment", segment.parentSegment(), "rule", segment.rule(),
                "hypothesis", segment.hypothesis(), "status", segment.status().name());
    }

    private StoredTacticalSegment stored(long id) {
        return segments.find(id).orElseThrow(() -> new TacticalSegmentNotFound("there is no tactical segment " + id));
    }

    private Map<Long, RunSize> latestSizes() {
        return runs.latestCompleted().map(membership::sizes).orElse(List.of()).stream()
                .collect(Collectors.toMap(RunSize::tacticalId, Function.identity()));
    }

    private static TacticalSegmentView view(StoredTacticalSegment stored, Map<Long, RunSize> sizes) {
        RunSize size = sizes.get(stored.id());
        return new TacticalSegmentView(stored, size == null ? null : size.members(), size == null ? null : size.parentCustomers());
    }

}
