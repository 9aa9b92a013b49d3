package io.strata.adapters.web.segmentation;

import org.springframework.web.bind.annotation.RequestParam;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.strata.adapters.web.problem.ListLimit;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "General segmentations", description = "Definitions that put every customer into exactly one segment")
public class SegmentationController {

    private final ManageSegmentations segmentations;

    public SegmentationController(ManageSegmentations segmentations) {
        this.segmentations = segmentations;
    }

    @GetMapping("/segmentation-templates")
    @Operation(summary = "Built-in general segmentations, with their segments, ranks and goals")
    public List<SegmentationBodies.TemplateBody> templates() {
        return segmentations.templates().stream().map(SegmentationBodies.TemplateBody::of).toList();
    }

    @PostMapping("/segmentations")
    @Operation(summary = "Create a general segmentation (as a draft) from a template; goals may be adjusted")
    public ResponseEntity<SegmentationBodies.SegmentationBody> create(@RequestBody SegmentationBodies.CreateSegmentation body) {
        boolean hasTemplate = body != null && body.template() != null && !body.template().isBlank();
        boolean hasDefinition = body != null && body.definition() != null && !body.definition().isNull();
        if (hasTemplate == hasDefinition) {
            throw new IllegalArgumentException("give either a template, e.g. {\"name\": \"Customer value\", \"template\": \"rfm-classic\"} "
                    + "(GET /api/v1/segmentation-templates lists them), or a full definition document as GET /api/v1/segmentations/{id} shows it");
        }
        StoredSegmentation created = hasTemplate
                ? segmentations.createFromTemplate(body.name(), body.template().strip())
                : segmentations.createFromDocument(body.name(), body.definition().toString());
        if (body.goals() != null && !body.goals().isEmpty()) {
            created = segmentations.edit(created.id(), withGoals(created.definition(), body.goals()));
        }
        return ResponseEntity.created(URI.create("/api/v1/segmentations/" + created.id())).body(body(created));
    }

    @GetMapping("/segmentations")
    public List<SegmentationBodies.SegmentationBody> list(@Parameter(description = "How many to answer with: 1 to 1000 (default 1000); more is refused with a 400",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "1000"))
            @RequestParam(required = false) String limit) {
        return segmentations.segmentations().stream().limit(ListLimit.parse(limit, ListLimit.MAX, ListLimit.MAX)).map(this::body).toList();
    }

    @GetMapping("/segmentations/{id}")
    public SegmentationBodies.SegmentationBody get(@PathVariable long id) {
        return body(segmentations.segmentation(id));
    }

    @PutMapping("/segmentations/{id}")
    @Operation(summary = "Edit name and goals, or the whole definition document; a definition that has runs gets a new draft version instead")
    public SegmentationBodies.SegmentationBody edit(@PathVariable long id, @RequestBody SegmentationBodies.EditSegmentation body) {
        if (body.definition() != null && !body.definition().isNull()) {
            if (body.goals() != null) {
                throw new IllegalArgumentException("give either goals or a whole definition document, not both; the document holds the goals");
            }
            return body(segmentations.editFromDocument(id, body.name(), body.definition().toString()));
        }
        GeneralSegmentation current = segmentations.segmentation(id).definition();
        GeneralSegmentation edited = body.name() == null || body.name().isBlank() ? current : current.named(body.name().strip());
        if (body.goals() != null) {
            edited = withGoals(edited, body.goals());
        }
        return body(segmentations.edit(id, edited));
    }

    @PostMapping("/segmentations/{id}/activate")
    @Operation(summary = "Make this the active general segmentation (exactly one is active)")
    public SegmentationBodies.SegmentationBody activate(@PathVariable long id) {
        return body(segmentations.activate(id));
    }

    @PostMapping("/segmentations/{id}/retire")
    public SegmentationBodies.SegmentationBody retire(@PathVariable long id) {
        return body(segmentations.retire(id));
    }

    private SegmentationBodies.SegmentationBody body(StoredSegmentation stored) {
        return SegmentationBodies.SegmentationBody.of(stored, segmentations.document(stored.id()));
    }

    private static GeneralSegmentation withGoals(GeneralSegmentation definition, Map<String, String> goals) {
        GeneralSegmentation result = definition;
        for (Map.Entry<String, String> goal : goals.entrySet()) {
            if (result.segment(goal.getKey()).isEmpty()) {
                throw new IllegalArgumentException("segment '" + goal.getKey() + "' is not part of this segmentation; its segments are " + result.keys());
            }
            result = result.withGoal(goal.getKey(), goal.getValue());
        }
        return result;
    }

}
