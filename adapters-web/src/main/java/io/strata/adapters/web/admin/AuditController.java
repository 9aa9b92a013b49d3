package io.strata.adapters.web.admin;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEvent;
import io.strata.application.audit.AuditPage;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.AuditSlice;
import io.strata.adapters.web.problem.ListCursor;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import io.strata.application.audit.port.in.BrowseAuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit trail", description = "Who created, changed, activated, ran, launched or deleted what, and when")
public class AuditController {

    private final BrowseAuditTrail trail;

    public AuditController(BrowseAuditTrail trail) {
        this.trail = trail;
    }

    public record AuditEventBody(long id, Instant occurredAt, String actor, String action, String subjectType, String subjectId,
                                 String before, String after, String detail) {

        static AuditEventBody of(AuditEvent e) {
            return new AuditEventBody(e.id(), e.occurredAt(), e.actor(), e.action().name(), e.subjectType(), e.subjectId(),
                    e.before(), e.after(), e.detail());
        }
    }

    public record AuditPageBody(List<AuditEventBody> events, int page, int size, long total) {
    }

    /**
     * A page of the keyset walk (session 53): the matches after the entry named by {@code before} (or the newest), at
     * most {@code size}, and whether more match after them; no page number and no total, which cost a count of every match.
     */
    public record AuditSliceBody(List<AuditEventBody> events, int size, boolean more) {
    }

    static final String TOTAL = "total";
    static final String PAGE = "page";

    @GetMapping
    @Operation(summary = "Search the audit trail, newest first",
            description = "Every filter is optional; 'from' is inclusive and 'to' exclusive (ISO-8601 date-times or dates, UTC)."
                    + " Two ways of paging. By number (page, size): the answer is {events, page, size, total}, as it always was;"
                    + " the total counts every match, which takes long on a trail of years, and a deep page skips every match"
                    + " before it. By the last entry shown (the fast way): total=false answers the newest `size` matches without"
                    + " a count, before=<id> the matches after that entry in the order (newest first: by time, then id; an id no"
                    + " entry has: none), each as {events, size, more}. Both ways answer a Link header when more match"
                    + " (<...?before=<id of the last entry shown>>; rel=\"next\"), the filters and size kept; following the links"
                    + " reaches every match once, newest first, each page costing its own entries.")
    @ApiResponse(responseCode = "200", description = "A page by number, or, with total=false or before, a page of the keyset walk",
            content = @Content(schema = @Schema(oneOf = {AuditPageBody.class, AuditSliceBody.class})),
            headers = @Header(name = "Link", description = "<...?before=<id>>; rel=\"next\" when more match"))
    public ResponseEntity<Object> search(@RequestParam(required = false) String actor,
                                @Parameter(description = "CREATED, CHANGED, ACTIVATED, RAN, LAUNCHED, CANCELLED, RETIRED, ARCHIVED, IMPORTED, REVOKED, DISABLED, ERASED, ...")
                                @RequestParam(required = false) String action,
                                @RequestParam(required = false) String subjectType,
                                @RequestParam(required = false) String subjectId,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @Parameter(description = "0 or more; not with before or total=false", schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
                                @RequestParam(required = false) Integer page,
                                @Parameter(description = "Events per page: 1 to 500 (default 50); more is refused with a 400",
                                        schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
                                @RequestParam(defaultValue = "50") int size,
                                @Parameter(description = "false: page without a count, by the last entry shown (the fast way); true (default): by page number with a total",
                                        schema = @Schema(type = "boolean", defaultValue = "true"))
                                @RequestParam(required = false) String total,
                                @Parameter(description = "Answer the matches after this entry, newest first, without a count: the Link header's next page gives it")
                                @RequestParam(required = false) String before, HttpServletRequest request) {
        Long after = ListCursor.id(before, "an audit entry").orElse(null);
        boolean counted = counted(total, after != null, page);
        AuditQuery query = new AuditQuery(actor, action == null || action.isBlank() ? null : AuditAction.parse(action),
                subjectType, subjectId, Moments.parse("from", from), Moments.parse("to", to), page == null ? 0 : page, size);
        if (counted) {
            AuditPage found = trail.search(query);
            List<AuditEventBody> events = found.events().stream().map(AuditEventBody::of).toList();
            // where the rest is, for a client that goes on the fast way; the body stays what it was
            boolean more = !events.isEmpty() && query.offset() + events.size() < found.total();
            String next = more ? ListCursor.next(request, ListCursor.PARAMETER, Long.toString(events.get(events.size() - 1).id()), PAGE, TOTAL) : null;
            return ResponseEntity.ok().headers(new ListCursor.Page<>(events, next).headers())
                    .body(new AuditPageBody(events, found.page(), found.size(), found.total()));
        }
        AuditSlice slice = trail.searchBefore(query, after);
        List<AuditEventBody> events = slice.events().stream().map(AuditEventBody::of).toList();
        String next = slice.more() ? ListCursor.next(request, ListCursor.PARAMETER, Long.toString(events.get(events.size() - 1).id())) : null;
        return ResponseEntity.ok().headers(new ListCursor.Page<>(events, next).headers()).body(new AuditSliceBody(events, size, slice.more()));
    }

    /** Whether the request pages by number with a total (as before) rather than by the last entry shown. */
    private static boolean counted(String total, boolean before, Integer page) {
        String asked = total == null ? "" : total.strip();
        if (!asked.isEmpty() && !asked.equalsIgnoreCase("true") && !asked.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("total must be true (pages by number with a count of every match) or false (pages by the last"
                    + " entry shown, without a count); got '" + io.strata.domain.text.PlainText.cut(asked, 40) + "'");
        }
        boolean keyset = before || asked.equalsIgnoreCase("false");
        if (keyset && page != null) {
            throw new IllegalArgumentException("page and " + (before ? "before" : "total=false") + " are two ways of paging: give page (with"
                    + " a total) or before, from the Link header of the page before (without a total), not both");
        }
        if (before && asked.equalsIgnoreCase("true")) {
            throw new IllegalArgumentException("a page after before=<id> has no total; leave out total, or page by number (page, size)"
                    + " to have one");
        }
        return !keyset;
    }
}
