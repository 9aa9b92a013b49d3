package io.strata.adapters.web.admin;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditPage;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.port.in.BrowseAuditTrail;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit trail for people: one sentence per entry, filtered by who, what (action and kind of subject) and a range
 * of days (UTC, both ends included), newest first, 100 a page; the same filters export every match as CSV.
 */
@Controller
@ConsolePage
public class AuditPageController {

    private static final int PAGE_SIZE = 100;
    private static final List<CsvColumn> CSV_HEADER = List.of(CsvColumn.text("occurred_at"), CsvColumn.text("actor"), CsvColumn.text("action"),
            CsvColumn.text("subject_type"), CsvColumn.text("subject_id"), CsvColumn.text("sentence"), CsvColumn.text("detail"));

    private final BrowseAuditTrail trail;

    public AuditPageController(BrowseAuditTrail trail) {
        this.trail = trail;
    }

    /** The filters as typed; a wrong one is named in words and the page answers 422 with the filters as they were. */
    record Filters(String actor, String action, String subjectType, String from, String to) {

        AuditQuery query(int page, int size) {
            AuditAction parsedAction = blank(action) ? null : AuditAction.parse(action);
            LocalDate first = day("from", from);
            LocalDate last = day("to", to);
            if (first != null && last != null && last.isBefore(first)) {
                throw new IllegalArgumentException("The range ends (" + last + ") before it starts (" + first + "); swap the two days.");
            }
            return new AuditQuery(actor, parsedAction, subjectType, null, first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), page, size);
        }

        private static LocalDate day(String which, String text) {
            if (blank(text)) {
                return null;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a day; give the " + ("from".equals(which) ? "first" : "last")
                        + " day as YYYY-MM-DD, like 2026-12-01.");
            }
            if (day.getYear() < 1 || day.getYear() > 9999) {
                // a year of up to nine digits parses, and reached PostgreSQL as a timestamp it cannot hold: a 500 before
                throw new IllegalArgumentException("'" + text.strip() + "' is not a day between 0001-01-01 and 9999-12-31; give the "
                        + ("from".equals(which) ? "first" : "last") + " day as YYYY-MM-DD, like 2026-12-01.");
            }
            return day;
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String subjectType, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model,
                 HttpServletResponse response) {
        Filters filters = new Filters(actor, action, subjectType, from, to);
        model.addAttribute("filters", filters);
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("subjects", new java.util.TreeMap<>(AuditSentence.SUBJECTS));
        model.addAttribute("verbs", AuditSentence.VERBS);
        try {
            AuditPage found = trail.search(filters.query(Math.max(0, page), PAGE_SIZE));
            model.addAttribute("found", found);
            model.addAttribute("entries", found.events().stream().map(AuditSentence::of).toList());
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("found", null);
            model.addAttribute("entries", List.of());
        }
        return "admin/audit";
    }

    @GetMapping("/admin/audit.csv")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                                                 @RequestParam(required = false) String subjectType, @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to) {
        Filters filters = new Filters(actor, action, subjectType, from, to);
        AuditQuery base = filters.query(0, AuditQuery.MAX_PAGE_SIZE); // a wrong filter is refused before the download starts
        // entries recorded while the file is written would shift the pages: the file ends where the download began
        java.time.Instant until = base.to() != null ? base.to() : java.time.Instant.now().plusSeconds(1);
        return CsvDownload.answer("audit-trail.csv", CSV_HEADER, csv -> {
            int page = 0;
            AuditPage found;
            do {
                found = trail.search(new AuditQuery(base.actor(), base.action(), base.subjectType(), null, base.from(), until, page++,
                        AuditQuery.MAX_PAGE_SIZE));
                for (var event : found.events()) {
                    csv.row(event.occurredAt().toString(), event.actor(), event.action().name(), event.subjectType(), event.subjectId(),
                            AuditSentence.of(event).sentence(), event.detail());
                }
            } while ((long) page * AuditQuery.MAX_PAGE_SIZE < found.total());
        });
    }
}
