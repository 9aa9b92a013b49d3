package io.strata.adapters.web.admin;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditSlice;
import io.strata.adapters.web.problem.ListCursor;
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
 * of days (UTC, both ends included), newest first, 100 a page (Older links, no total); the same filters export every
 * match as CSV.
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
            AuditAction parsedAction = blank(action) ? null : action(action);
            LocalDate first = day("from", from);
            LocalDate last = day("to", to);
            if (first != null && last != null && last.isBefore(first)) {
                throw new IllegalArgumentException("The range ends (" + last + ") before it starts (" + first + "); swap the two days.");
            }
            return new AuditQuery(actor, parsedAction, subjectType, null, first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), page, size);
        }

        /**
         * The "Did what" filter: the form sends the action's name; an address edited by hand is refused in the form's
         * words (session 57's probe: "'NOPE' is not an audit action; use one of [CREATED, CHANGED, …]", the API's).
         */
        private static AuditAction action(String text) {
            try {
                return AuditAction.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + cut(text.strip()) + "' is not one of the changes the trail records; choose one under"
                        + " 'Did what' (" + String.join(", ", java.util.Arrays.stream(AuditAction.values()).map(AuditSentence::verb).toList())
                        + "), or 'anything'.");
            }
        }

        /** What was typed, as a message quotes it: at most 80 characters. */
        private static String cut(String text) {
            return io.strata.domain.text.PlainText.cut(text, 80);
        }

        private static LocalDate day(String which, String text) {
            if (blank(text)) {
                return null;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + cut(text.strip()) + "' is not a day; give the " + ("from".equals(which) ? "first" : "last")
                        + " day as YYYY-MM-DD, like 2026-12-01.");
            }
            if (day.getYear() < 1 || day.getYear() > 9999) {
                // a year of up to nine digits parses, and reached PostgreSQL as a timestamp it cannot hold: a 500 before
                throw new IllegalArgumentException("'" + cut(text.strip()) + "' is not a day between 0001-01-01 and 9999-12-31; give the "
                        + ("from".equals(which) ? "first" : "last") + " day as YYYY-MM-DD, like 2026-12-01.");
            }
            return day;
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    /**
     * A page of the matching entries, newest first, {@link #PAGE_SIZE} at a time; "Older" goes on after the last one
     * shown ({@code before=<its id>}) down the index on time (session 52: a count of every match and an offset, over a
     * million entries after three years). No total is counted: the page says there are more.
     */
    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String subjectType, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(required = false) String before, Model model,
                 HttpServletResponse response) {
        Filters filters = new Filters(actor, action, subjectType, from, to);
        Long after = ListCursor.id(before, "an audit entry").orElse(null);
        model.addAttribute("filters", filters);
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("subjects", new java.util.TreeMap<>(AuditSentence.SUBJECTS));
        model.addAttribute("verbs", AuditSentence.VERBS);
        model.addAttribute("paged", after != null);
        model.addAttribute("listed", PAGE_SIZE);
        try {
            AuditSlice found = trail.searchBefore(filters.query(0, PAGE_SIZE), after);
            model.addAttribute("found", found);
            model.addAttribute("entries", found.events().stream().map(AuditSentence::of).toList());
            model.addAttribute("older", found.more() ? found.events().get(found.events().size() - 1).id() : null);
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
            // a page at a time from the last entry written: each page one range of the index, not an offset and a count
            AuditQuery pages = new AuditQuery(base.actor(), base.action(), base.subjectType(), null, base.from(), until, 0, AuditQuery.MAX_PAGE_SIZE);
            Long after = null;
            AuditSlice found;
            do {
                found = trail.searchBefore(pages, after);
                for (var event : found.events()) {
                    csv.row(event.occurredAt().toString(), event.actor(), event.action().name(), event.subjectType(), event.subjectId(),
                            AuditSentence.of(event).sentence(), event.detail());
                }
                after = found.events().isEmpty() ? null : found.events().get(found.events().size() - 1).id();
            } while (found.more());
        });
    }
}
