package io.strata.adapters.web.tactical;

import io.strata.domain.rule.Rule;
import io.strata.domain.tactical.TacticalSegment;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.TacticalSegmentView;
import io.strata.application.tactical.CreateTacticalSegment;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.strata.adapters.web.problem.ListLimit;
import io.strata.adapters.web.problem.ListCursor;
import jakarta.servlet.http.HttpServletRequest;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tactical segments", description = "Sub-groups inside a general segment, written as rules")
public class TacticalSegmentController {

    static final List<CsvColumn> MEMBERS_HEADER = List.of(CsvColumn.text("customer_id"));

    private final ManageTacticalSegments tactical;

    public TacticalSegmentController(ManageTacticalSegments tactical) {
        this.tactical = tactical;
    }

    record CreateBody(
            @Schema(maxLength = TacticalSegment.MAX_NAME_LENGTH, description = "The tactical segment's name: at most "
                    + TacticalSegment.MAX_NAME_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String name,
            String parentSegment,
            @Schema(maxLength = Rule.MAX_LENGTH, description = "The rule, e.g. device = \"smart_tv\": at most "
                    + Rule.MAX_LENGTH + " characters (Unicode code points: an emoji counts as one)")
            String rule,
            @Schema(maxLength = TacticalSegment.MAX_HYPOTHESIS_LENGTH, description = "What the segment is expected to show: at most "
                    + TacticalSegment.MAX_HYPOTHESIS_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String hypothesis) {
    }

    record PreviewBody(
            String parentSegment,
            @Schema(maxLength = Rule.MAX_LENGTH, description = "The rule, e.g. device = \"smart_tv\": at most "
                    + Rule.MAX_LENGTH + " characters (Unicode code points: an emoji counts as one)")
            String rule,
            Integer sample) {
    }

    record TacticalBody(long id, String name, String parentSegment, String rule, String hypothesis, String status, Instant createdAt,
                        Long members, Long parentCustomers, BigDecimal shareOfParent) {
        static TacticalBody of(TacticalSegmentView view) {
            var s = view.stored().segment();
            return new TacticalBody(view.stored().id(), s.name(), s.parentSegment(), s.rule(), s.hypothesis(), s.status().name(),
                    view.stored().createdAt(), view.members(), view.parentCustomers(), share(view.members(), view.parentCustomers()));
        }
    }

    record PreviewResult(long matching, long parentCustomers, BigDecimal shareOfParent, List<String> sample) {
    }

    record CatalogueBody(List<String> fields, List<String> eventTypes, List<String> completions) {
    }

    @PostMapping("/tactical-segments")
    @Operation(summary = "Create a tactical segment: a rule inside a general segment of the active segmentation",
            description = "Wrong fields are a 400 (application/problem+json, title 'Invalid tactical segment') with `field`, the "
                    + "first wrong one, and `problems`, every wrong field with its message. A rule that does not parse or names "
                    + "an unknown field is a 400 with its line and column.")
    public ResponseEntity<TacticalBody> create(@RequestBody CreateBody body) {
        if (body == null) {
            throw new IllegalArgumentException("send {\"name\", \"parentSegment\", \"rule\"}, e.g. {\"name\": \"Smart TV payers\", "
                    + "\"parentSegment\": \"champions\", \"rule\": \"device = \\\"smart_tv\\\"\"}");
        }
        var created = tactical.create(new CreateTacticalSegment(body.name(), body.parentSegment(), body.rule(),
                body.hypothesis()));
        return ResponseEntity.created(URI.create("/api/v1/tactical-segments/" + created.id()))
                .body(TacticalBody.of(tactical.tacticalSegment(created.id())));
    }

    @GetMapping("/tactical-segments")
    @Operation(summary = "Every tactical segment version, oldest first (by id), a page at a time",
            description = "A change is saved as a new version (a new id) and the version before archived; this list holds every"
                    + " version, in id order, as it always has. When there are more, the Link header names the next page"
                    + " (<...?before=<id of the last version shown>>; rel=\"next\"): as in the other lists, before=<id> answers"
                    + " the items that come after that one in the list's order, here the higher ids. Following the links reaches every"
                    + " version once.")
    public ResponseEntity<List<TacticalBody>> list(@Parameter(description = "How many to answer with: 1 to 1000 (default 1000); more is refused with a 400",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "1000"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "Answer the versions after this one in the list's order (ids above it): the Link header's next page gives it")
            @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, ListLimit.MAX, ListLimit.MAX);
        Long after = ListCursor.id(before, "a tactical segment").orElse(null);
        ListCursor.Page<TacticalSegmentView> page = ListCursor.page(tactical.tacticalSegments(after, count + 1), count,
                v -> Long.toString(v.stored().id()), request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(TacticalBody::of).toList());
    }

    @GetMapping("/tactical-segments/{id}")
    public TacticalBody get(@PathVariable long id) {
        return TacticalBody.of(tactical.tacticalSegment(id));
    }

    @PostMapping("/tactical-segments/{id}/archive")
    @Operation(summary = "Archive: no members in later runs; earlier memberships stay")
    public TacticalBody archive(@PathVariable long id) {
        return TacticalBody.of(tactical.archive(id));
    }

    @PostMapping("/tactical-segments/preview")
    @Operation(summary = "Count and sample of the parent's customers that match a rule, against the latest run, without saving")
    public PreviewResult preview(@RequestBody PreviewBody body) {
        if (body == null) {
            throw new IllegalArgumentException("send {\"parentSegment\", \"rule\"}");
        }
        Preview preview = tactical.preview(body.parentSegment(), body.rule(), body.sample() == null ? 10 : body.sample());
        return new PreviewResult(preview.matching(), preview.parentCustomers(), share(preview.matching(), preview.parentCustomers()),
                preview.sample());
    }

    @GetMapping(path = "/tactical-segments/{id}/customers", produces = "text/csv")
    @Operation(summary = "Members as of the latest completed run, as CSV with the header customer_id")
    public ResponseEntity<StreamingResponseBody> members(@PathVariable long id) {
        tactical.tacticalSegment(id);
        return CsvDownload.answer(null, MEMBERS_HEADER, csv -> tactical.members(id, customerId -> csv.row(customerId)));
    }

    @GetMapping("/field-catalogue")
    @Operation(summary = "Fields rules can name, and completions for a prefix (for editors)")
    public CatalogueBody catalogue(@RequestParam(defaultValue = "") String prefix) {
        var catalogue = tactical.catalogue();
        return new CatalogueBody(catalogue.customerFieldNames(), List.copyOf(catalogue.eventTypes()), catalogue.complete(prefix));
    }

    private static BigDecimal share(Long part, Long whole) {
        return part == null || whole == null || whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
