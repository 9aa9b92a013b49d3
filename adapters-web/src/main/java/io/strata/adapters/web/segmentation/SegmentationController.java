package io.strata.adapters.web.segmentation;

import io.strata.adapters.web.problem.EntityTags;
import io.strata.domain.edit.Revision;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;

import org.springframework.web.bind.annotation.RequestParam;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.strata.adapters.web.problem.ListLimit;
import io.strata.adapters.web.problem.ListCursor;
import jakarta.servlet.http.HttpServletRequest;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
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
    @Operation(summary = "Every general segmentation and version, oldest first (by id), a page at a time",
            description = "As it always has, the list runs in id order and a call without `before` answers the first `limit`"
                    + " (default 1000). When there are more, the Link header names the next page"
                    + " (<...?before=<id of the last one shown>>; rel=\"next\"): as in the tactical segment list, before=<id> answers"
                    + " the segmentations that come after that one in the list's order, here the higher ids. Following the links"
                    + " reaches every segmentation once, in id order.")
    public ResponseEntity<List<SegmentationBodies.SegmentationBody>> list(@Parameter(description = "How many to answer with: 1 to 1000 (default 1000); more is refused with a 400",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "1000"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "Answer the segmentations after this one in the list's order (ids above it): the Link header's next page gives it")
            @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, ListLimit.MAX, ListLimit.MAX);
        Long after = ListCursor.id(before, "a segmentation").orElse(null);
        ListCursor.Page<StoredSegmentation> page = ListCursor.page(segmentations.segmentations(after, count + 1), count,
                s -> Long.toString(s.id()), request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(this::body).toList());
    }

    @GetMapping("/segmentations/{id}")
    @Operation(summary = "One general segmentation", description = "The ETag header is its stored state (definition, status and the"
            + " newer version made from it); send it back in If-Match with an edit. newerVersion is the id of the version an edit"
            + " made from this one (null: this is the newest of its line); an edit sent with an ETag read before that version was"
            + " made is refused (412): make the change on the newest version instead")
    @ApiResponse(responseCode = "200", description = "The segmentation", headers = @Header(name = "ETag", description = "Its stored state"))
    public ResponseEntity<SegmentationBodies.SegmentationBody> get(@PathVariable long id) {
        StoredSegmentation stored = segmentations.segmentation(id);
        return EntityTags.answer(stored.revision(), body(stored));
    }

    @PutMapping("/segmentations/{id}")
    @Operation(summary = "Edit name and goals, or the whole definition document; a definition that has runs gets a new draft version instead",
            description = "Name and goals are applied to the definition as stored when the edit is made. With If-Match (the ETag of a GET),"
                    + " the edit is made only if nobody changed the segmentation since: the check and the write are one unit of work"
                    + " with the segmentation held, so of two edits sent with the same ETag exactly one is made. Without If-Match, or"
                    + " with *, it is made whatever changed meanwhile. The answer carries the ETag of the segmentation it answers"
                    + " (the new version, when one was made).")
    @ApiResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag", description = "The answered segmentation's stored state"))
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    @ApiResponse(responseCode = "400", description = "A wrong field, or an If-Match that is not an entity tag")
    public ResponseEntity<SegmentationBodies.SegmentationBody> edit(@PathVariable long id,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch,
            @RequestBody SegmentationBodies.EditSegmentation body) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        StoredSegmentation edited;
        if (body.definition() != null && !body.definition().isNull()) {
            if (body.goals() != null) {
                throw new IllegalArgumentException("give either goals or a whole definition document, not both; the document holds the goals");
            }
            edited = segmentations.editFromDocument(id, body.name(), body.definition().toString(), seen);
        } else {
            edited = segmentations.edit(id, seen, current -> {
                GeneralSegmentation changed = body.name() == null || body.name().isBlank() ? current : current.named(body.name().strip());
                return body.goals() == null ? changed : withGoals(changed, body.goals());
            });
        }
        return EntityTags.answer(edited.revision(), body(edited));
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
