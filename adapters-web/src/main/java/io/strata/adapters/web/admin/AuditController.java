package io.strata.adapters.web.admin;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEvent;
import io.strata.application.audit.AuditPage;
import io.strata.application.audit.AuditQuery;
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

    @GetMapping
    @Operation(summary = "Search the audit trail, newest first",
            description = "Every filter is optional; 'from' is inclusive and 'to' exclusive (ISO-8601 date-times or dates, UTC).")
    public AuditPageBody search(@RequestParam(required = false) String actor,
                                @Parameter(description = "CREATED, CHANGED, ACTIVATED, RAN, LAUNCHED, CANCELLED, RETIRED, ARCHIVED, IMPORTED, REVOKED, DISABLED, ERASED, ...")
                                @RequestParam(required = false) String action,
                                @RequestParam(required = false) String subjectType,
                                @RequestParam(required = false) String subjectId,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @Parameter(description = "0 or more", schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
                                @RequestParam(defaultValue = "0") int page,
                                @Parameter(description = "Events per page: 1 to 500 (default 50); more is refused with a 400",
                                        schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
                                @RequestParam(defaultValue = "50") int size) {
        AuditPage found = trail.search(new AuditQuery(actor, action == null || action.isBlank() ? null : AuditAction.parse(action),
                subjectType, subjectId, Moments.parse("from", from), Moments.parse("to", to), page, size));
        return new AuditPageBody(found.events().stream().map(AuditEventBody::of).toList(), found.page(), found.size(), found.total());
    }
}
