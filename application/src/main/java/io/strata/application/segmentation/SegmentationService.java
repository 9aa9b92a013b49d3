package io.strata.application.segmentation;

import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentationTemplate;
import io.strata.domain.segmentation.SegmentationTemplates;

import java.util.List;

public final class SegmentationService implements ManageSegmentations {

    private final SegmentationDefinitions definitions;
    private final DefinitionDocuments documents;

    public SegmentationService(SegmentationDefinitions definitions, DefinitionDocuments documents) {
        this.definitions = definitions;
        this.documents = documents;
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
    public String document(long id) {
        return documents.write(segmentation(id).definition());
    }

    @Override
    public List<SegmentationTemplate> templates() {
        return SegmentationTemplates.all();
    }

    @Override
    public StoredSegmentation createFromTemplate(String name, String templateKey) {
        SegmentationTemplate template = SegmentationTemplates.byKey(templateKey).orElseThrow(() -> new SegmentationNotFound(
                "there is no template '" + templateKey + "'; known templates: "
                        + SegmentationTemplates.all().stream().map(SegmentationTemplate::key).toList()));
        GeneralSegmentation definition = template.instantiate(name == null || name.isBlank() ? template.name() : name);
        return segmentation(definitions.add(definition, template.key(), 1));
    }

    @Override
    public StoredSegmentation create(GeneralSegmentation definition) {
        return segmentation(definitions.add(definition, null, 1));
    }

    @Override
    public StoredSegmentation segmentation(long id) {
        return definitions.find(id).orElseThrow(() -> new SegmentationNotFound("there is no segmentation " + id));
    }

    @Override
    public List<StoredSegmentation> segmentations() {
        return definitions.all();
    }

    @Override
    public StoredSegmentation edit(long id, GeneralSegmentation definition) {
        StoredSegmentation current = segmentation(id);
        if (current.status() == DefinitionStatus.RETIRED) {
            throw new SegmentationConflict("segmentation " + id + " is retired and cannot be edited; create a new one");
        }
        if (current.hasRuns() || current.status() != DefinitionStatus.DRAFT) {
            // runs must keep explaining what they computed: a used or active definition is never changed in place
            return segmentation(definitions.add(definition, current.template(), current.version() + 1));
        }
        definitions.replaceDraft(id, definition);
        return segmentation(id);
    }

    @Override
    public StoredSegmentation activate(long id) {
        StoredSegmentation current = segmentation(id);
        if (current.status() == DefinitionStatus.RETIRED) {
            throw new SegmentationConflict("segmentation " + id + " is retired; activate another one or create a new one");
        }
        definitions.activate(id);
        return segmentation(id);
    }

    @Override
    public StoredSegmentation retire(long id) {
        StoredSegmentation current = segmentation(id);
        if (current.status() == DefinitionStatus.ACTIVE) {
            throw new SegmentationConflict("segmentation " + id + " is the active one; activate another before retiring it");
        }
        definitions.retire(id);
        return segmentation(id);
    }
}
