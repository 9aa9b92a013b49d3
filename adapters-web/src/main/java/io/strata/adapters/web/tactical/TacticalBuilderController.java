package io.strata.adapters.web.tactical;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.TacticalSegmentLine;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.application.tactical.CreateTacticalSegment;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.segmentation.SegmentationConflict;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.domain.rule.RuleCompletion;
import io.strata.domain.rule.RuleError;
import io.strata.domain.rule.RuleSyntaxError;
import io.strata.domain.rule.RuleValidationError;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.tactical.InvalidTacticalSegment;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** The tactical segment builder: write a rule, see errors where they are and the live count, save. */
@Controller
@ConsolePage
public class TacticalBuilderController {

    private final ManageTacticalSegments tactical;
    private final ManageSegmentations segmentations;

    public TacticalBuilderController(ManageTacticalSegments tactical, ManageSegmentations segmentations) {
        this.tactical = tactical;
        this.segmentations = segmentations;
    }

    /** Where a rule went wrong, as the page shows it: the message, and the line with a caret under the column. */
    public record RuleFeedback(String message, Integer line, Integer column, String sourceLine, String caret) {
    }

    /** How many tactical segments the list shows at once; "Older tactical segments" goes on after the last one. */
    static final int LISTED = 50;

    /**
     * Each tactical segment once, as its newest version with its count of versions, the most recently saved first,
     * {@link #LISTED} at a time (session 52: it listed every version ever saved). A segment's older versions are listed
     * on its page.
     */
    @GetMapping("/tactical-segments")
    String list(@RequestParam(required = false) String before, Model model) {
        Long below = ListCursor.id(before, "a tactical segment").orElse(null);
        List<TacticalSegmentLine> fetched = tactical.currentTacticalSegments(below, LISTED + 1);
        List<TacticalSegmentLine> shown = fetched.size() > LISTED ? fetched.subList(0, LISTED) : fetched;
        model.addAttribute("segments", shown);
        model.addAttribute("older", fetched.size() > LISTED ? shown.get(LISTED - 1).newest().stored().id() : null);
        model.addAttribute("paged", below != null);
        model.addAttribute("listed", LISTED);
        model.addAttribute("replaced", segmentations.replacedPlans());
        return "tactical-segments";
    }

    @GetMapping("/tactical-segments/new")
    String builder(@RequestParam(required = false) String parent, Model model) {
        model.addAttribute("parents", parents());
        model.addAttribute("parent", parent);
        model.addAttribute("fields", tactical.catalogue().customerFieldNames());
        model.addAttribute("errors", new FieldErrors());
        return "tactical-builder";
    }

    /** Called by htmx as the planner types: errors with position, completions, or the live count and sample. */
    @PostMapping("/tactical-segments/check")
    String check(@RequestParam String parentSegment, @RequestParam String rule, @RequestParam(required = false) Integer cursor, Model model) {
        // completions for the place of the cursor, wherever it is in the text (the browser sends it; without, the end)
        int at = cursor == null ? rule.length() : Math.max(0, Math.min(cursor, rule.length()));
        model.addAttribute("completions", completions(rule.substring(0, at)));
        if (rule.isBlank()) {
            return "tactical-builder :: feedback";
        }
        try {
            Preview preview = tactical.preview(parentSegment, rule, 10);
            model.addAttribute("preview", preview);
        } catch (RuleError e) {
            RuleFeedback feedback = feedback(rule, e);
            model.addAttribute("feedback", feedback);
            model.addAttribute("unfinished", unfinished(rule, feedback));
        } catch (SegmentationConflict | IllegalArgumentException e) {
            model.addAttribute("feedback", new RuleFeedback(e.getMessage(), null, null, null, null));
        }
        return "tactical-builder :: feedback";
    }

    /**
     * Saves, or shows the form again as typed: a wrong rule with its position, a wrong name, parent or hypothesis next
     * to its field (422); no active segmentation is the page's problem (409).
     */
    @PostMapping("/tactical-segments")
    String save(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String parentSegment,
                @RequestParam(defaultValue = "") String rule, @RequestParam(required = false) String hypothesis, Model model,
                HttpServletResponse response, RedirectAttributes flash) {
        FieldErrors errors = new FieldErrors();
        try {
            tactical.create(new CreateTacticalSegment(name, parentSegment, rule, hypothesis));
            flash.addFlashAttribute("message", "Saved '" + name.strip() + "'. Its members are computed in every run.");
            return "redirect:/tactical-segments";
        } catch (RuleError e) {
            model.addAttribute("feedback", feedback(rule, e));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } catch (InvalidTacticalSegment e) {
            e.problems().forEach(problem -> errors.add(problem.field(), problem.message()));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } catch (SegmentationConflict | IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            response.setStatus(HttpStatus.CONFLICT.value());
        }
        model.addAttribute("errors", errors);
        model.addAttribute("parents", parents());
        model.addAttribute("parent", parentSegment);
        model.addAttribute("name", name);
        model.addAttribute("rule", rule);
        model.addAttribute("hypothesis", hypothesis);
        model.addAttribute("fields", tactical.catalogue().customerFieldNames());
        return "tactical-builder";
    }

    private List<Segment> parents() {
        return segmentations.activeSegments();
    }

    /** Completions for the text before the cursor, in the place the text is in. */
    private RuleCompletion.Suggestions completions(String beforeCursor) {
        return RuleCompletion.at(tactical.catalogue(), beforeCursor);
    }

    /** Whether the error is only that the rule stops early: it sits after the last character typed. */
    static boolean unfinished(String rule, RuleFeedback feedback) {
        if (feedback.line() == null) {
            return false;
        }
        String[] lines = rule.stripTrailing().split("\n", -1);
        return feedback.line() > lines.length
                || (feedback.line() == lines.length && feedback.column() > lines[lines.length - 1].length());
    }

    static RuleFeedback feedback(String rule, RuleError error) {
        Integer line = null;
        Integer column = null;
        if (error instanceof RuleSyntaxError syntax) {
            line = syntax.line();
            column = syntax.column();
        } else if (error instanceof RuleValidationError invalid) {
            var at = invalid.problems().stream().findFirst().flatMap(p -> p.at());
            line = at.map(p -> p.line()).orElse(null);
            column = at.map(p -> p.column()).orElse(null);
        }
        if (line == null) {
            return new RuleFeedback(error.getMessage(), null, null, null, null);
        }
        String[] lines = rule.split("\n", -1);
        String sourceLine = line - 1 < lines.length ? lines[line - 1] : "";
        return new RuleFeedback(error.getMessage(), line, column, sourceLine, " ".repeat(Math.max(0, column - 1)) + "^");
    }
}
