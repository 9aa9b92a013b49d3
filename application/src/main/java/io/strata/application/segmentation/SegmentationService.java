package io.strata.application.segmentation;

import io.strata.domain.edit.Revision;
import java.util.function.UnaryOperator;

import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.segmentation.port.out.DefinitionDocuments;
import io.strata.application.segmentation.port.out.SegmentationPlans;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.EditCheck;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.segmentation.SegmentationTemplate;
import io.strata.domain.segmentation.SegmentationTemplates;

import java.util.List;
import java.util.Optional;
import io.strata.application.audit.AuditEvent;
import io.strata.application.audit.EditedMeanwhile;

/** General segmentations: each change and its audit entry are one unit of work. */
public final class SegmentationService implements ManageSegmentations {

    private static final String SUBJECT = "segmentation";

    private final SegmentationDefinitions definitions;
    private final DefinitionDocuments documents;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;
    private final SegmentationPlans plans;
    private final EditCheck edits;

    public SegmentationService(SegmentationDefinitions definitions, DefinitionDocuments documents, AuditTrail audit, CurrentActor actor,
                               Transactions transactions, SegmentationPlans plans) {
        this.plans = plans;
        this.definitions = definitions;
        this.documents = documents;
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
        this.edits = new EditCheck(audit);
    }

    private void record(AuditAction action, long id, GeneralSegmentation before, GeneralSegmentation after, String detail) {
        audit.record(new AuditEntry(actor.name(), action, SUBJECT, Long.toString(id), AuditSnapshot.Segmentation.ofNullable(before),
                AuditSnapshot.Segmentation.ofNullable(after), detail));
    }

    @Override
    public StoredSegmentation createFromDocument(String name, String document) {
        GeneralSegmentation definition = documents.read(document);
        if (name != null && !name.isBlank()) {
            definition = definition.named(name.strip());
        }
        return create(definition);
    }

    @Override
    public StoredSegmentation editFromDocument(long id, String name, String document, List<Revision> seen) {
        GeneralSegmentation definition = documents.read(document);
        return edit(id, name != null && !name.isBlank() ? definition.named(name.strip()) : definition, seen);
    }

    @Override
    public String document(long id) {
        return documents.write(segmentation(id).definition());
    }

    @Override
    public List<SegmentationTemplate> templates() {
        return SegmentationTemplates.all();
    }

    @Override
    public StoredSegmentation createFromTemplate(String name, String templateKey) {
        SegmentationTemplate template = SegmentationTemplates.byKey(templateKey).orElseThrow(() -> new UnknownTemplate(
                templateKey, SegmentationTemplates.all().stream().map(SegmentationTemplate::key).toList()));
        GeneralSegmentation definition = template.instantiate(name == null || name.isBlank() ? template.name() : name);
        return transactions.inOne(() -> {
            long id = definitions.add(definition, template.key(), 1);
            record(AuditAction.CREATED, id, null, definition, "from template " + template.key());
            return segmentation(id);
        });
    }

    @Override
    public StoredSegmentation create(GeneralSegmentation definition) {
        return transactions.inOne(() -> {
            long id = definitions.add(definition, null, 1);
            record(AuditAction.CREATED, id, null, definition, null);
            return segmentation(id);
        });
    }

    @Override
    public StoredSegmentation segmentation(long id) {
        return definitions.find(id).orElseThrow(() -> new SegmentationNotFound("there is no segmentation " + id));
    }

    @Override
    public List<Segment> activeSegments() {
        return definitions.active().map(s -> s.definition().segmentsByRank()).orElse(List.of());
    }

    @Override
    public List<StoredSegmentation> segmentations() {
        return definitions.all();
    }

    @Override
    public List<StoredSegmentation> segmentations(Long after, int limit) {
        return definitions.page(after, limit);
    }

    @Override
    public StoredSegmentation edit(long id, List<Revision> seen, UnaryOperator<GeneralSegmentation> edited) {
        return transactions.inOne(() -> editInOne(id, seen, edited));
    }

    private StoredSegmentation editInOne(long id, List<Revision> seen, UnaryOperator<GeneralSegmentation> edited) {
        // held until the edit commits: a second edit waits here, then checks what the first one stored
        StoredSegmentation current = definitions.lockForChange(id).orElseThrow(() -> new SegmentationNotFound("there is no segmentation " + id));
        if (seen != null && !seen.contains(current.revision()) && current.newerVersion() != null) {
            // a version was made from this one since it was read: another edit of it would make a version without that one's change
            StoredSegmentation newest = newestMadeFrom(current);
            Optional<AuditEvent> made = edits.latest(SUBJECT, Long.toString(current.newerVersion()));
            throw EditedMeanwhile.newerVersion("Segmentation " + id, SUBJECT, Long.toString(id), current.revision(),
                    "version " + newest.version() + " (segmentation " + newest.id() + ")", Long.toString(newest.id()),
                    made.map(AuditEvent::actor).orElse(null), made.map(AuditEvent::occurredAt).orElse(null));
        }
        edits.require(seen, current.revision(), "Segmentation " + id, SUBJECT, Long.toString(id));
        GeneralSegmentation definition = edited.apply(current.definition());
        if (current.status() == DefinitionStatus.RETIRED) {
            throw new SegmentationConflict("segmentation " + id + " is retired and cannot be edited; create a new one");
        }
        if (current.hasRuns() || current.status() != DefinitionStatus.DRAFT) {
            // runs must keep explaining what they computed: a used or active definition is never changed in place
            long version = definitions.addVersion(definition, current.template(), current.version() + 1, id);
            record(AuditAction.CREATED, version, current.definition(), definition,
                    "version " + (current.version() + 1) + " of segmentation " + id + ", which is in use");
            return segmentation(version);
        }
        definitions.replaceDraft(id, definition);
        record(AuditAction.CHANGED, id, current.definition(), definition, null);
        return segmentation(id);
    }

    /** The newest version of the line that was made from this one (following the versions made from each). */
    private StoredSegmentation newestMadeFrom(StoredSegmentation version) {
        StoredSegmentation newest = version;
        for (int steps = 0; newest.newerVersion() != null && steps < 1000; steps++) {
            newest = segmentation(newest.newerVersion());
        }
        return newest;
    }

    @Override
    public StoredSegmentation newestVersion(long id) {
        return newestMadeFrom(segmentation(id));
    }

    @Override
    public StoredSegmentation activate(long id) {
        return transactions.inOne(() -> {
            StoredSegmentation current = segmentation(id);
            if (current.status() == DefinitionStatus.RETIRED) {
                throw new SegmentationConflict("segmentation " + id + " is retired; activate another one or create a new one");
            }
            Long previous = definitions.active().map(StoredSegmentation::id).filter(active -> active != id).orElse(null);
            definitions.activate(id);
            if (previous != null) {
                // what was planned on the replaced segmentation stays, marked, so that nobody takes it for a current plan
                plans.markReplaced(previous);
            }
            // what was planned on this one, when it was active before, is current again
            plans.markCurrent(id);
            record(AuditAction.ACTIVATED, id, null, null, previous == null ? null : "replaces segmentation " + previous);
            return segmentation(id);
        });
    }

    @Override
    public StoredSegmentation retire(long id) {
        return transactions.inOne(() -> {
            StoredSegmentation current = segmentation(id);
            if (current.status() == DefinitionStatus.ACTIVE) {
                throw new SegmentationConflict("segmentation " + id + " is the active one; activate another before retiring it");
            }
            definitions.retire(id);
            // its schedule would never run again (until session 56 it stayed stored, "active": false, for good)
            boolean hadSchedule = plans.removeSchedule(id);
            record(AuditAction.RETIRED, id, null, null, hadSchedule ? "retired; its schedule removed" : "retired");
            return segmentation(id);
        });
    }

    @Override
    public ActivationImpact activationImpact(long id) {
        StoredSegmentation next = segmentation(id);
        List<PlannedWork> onActive = plans.onActive();
        return new ActivationImpact(next, definitions.active(),
                onActive.stream().filter(p -> p.kind() == PlannedWork.Kind.TACTICAL_SEGMENT).toList(),
                onActive.stream().filter(p -> p.kind() == PlannedWork.Kind.CAMPAIGN).toList());
    }

    @Override
    public ReplacedPlans replacedPlans() {
        return plans.replaced();
    }
}
