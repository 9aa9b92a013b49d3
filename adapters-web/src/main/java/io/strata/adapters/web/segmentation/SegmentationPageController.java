package io.strata.adapters.web.segmentation;

import io.strata.domain.text.PlainText;
import io.strata.adapters.web.console.PlannerWords;
import io.strata.application.audit.EditedMeanwhile;
import io.strata.domain.edit.Revision;

import io.strata.adapters.web.problem.ListCursor;
import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.application.segmentation.DefinitionStatus;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.prediction.PredictionSummary;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.segmentation.RunInProgress;
import io.strata.application.segmentation.RunStatus;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationConflict;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.segmentation.GeneralSegmentation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** General segmentations in the console: templates, definitions with ranks and goals, activation, runs. */
@Controller
@ConsolePage
public class SegmentationPageController {

    private final ManageSegmentations segmentations;
    private final RunSegmentation runs;
    private final Clock clock;
    private final ReadPredictions predictions;

    public SegmentationPageController(ManageSegmentations segmentations, RunSegmentation runs, Clock clock, ReadPredictions predictions) {
        this.segmentations = segmentations;
        this.runs = runs;
        this.clock = clock;
        this.predictions = predictions;
    }

    /** The runs the overview's history shows at once. */
    static final int RUNS_LISTED = 20;

    @GetMapping("/segmentations")
    String overview(@RequestParam(required = false) String before, Model model) {
        model.addAttribute("runsBefore", ListCursor.id(before, "a run").orElse(null));
        return overview(new FieldErrors(), Map.of(), model);
    }

    /** The overview; {@code typed} holds what was submitted when a form is shown again with its errors (422). */
    private String overview(FieldErrors errors, Map<String, String> typed, Model model) {
        model.addAttribute("templates", segmentations.templates());
        model.addAttribute("segmentations", segmentations.segmentations());
        // the newest runs, RUNS_LISTED at a time; "Older runs" goes on before the last one shown
        Long before = (Long) model.getAttribute("runsBefore");
        List<SegmentationRunView> fetched = runs.recentRuns(before, RUNS_LISTED + 1);
        List<SegmentationRunView> shown = fetched.size() > RUNS_LISTED ? fetched.subList(0, RUNS_LISTED) : fetched;
        model.addAttribute("runs", shown);
        model.addAttribute("olderRuns", fetched.size() > RUNS_LISTED ? shown.get(RUNS_LISTED - 1).runId() : null);
        model.addAttribute("runsPaged", before != null);
        model.addAttribute("runsListed", RUNS_LISTED);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return "segmentations";
    }

    @GetMapping("/segmentations/{id}")
    String definition(@PathVariable long id, Model model) {
        return definition(segmentations.segmentation(id), new FieldErrors(), null, model);
    }

    private String definition(StoredSegmentation stored, FieldErrors errors, Map<String, String> typed, Model model) {
        model.addAttribute("segmentation", stored);
        if (!model.containsAttribute("seen")) {
            model.addAttribute("seen", stored.revision().value());
        }
        model.addAttribute("segments", stored.definition().segmentsByRank());
        model.addAttribute("editable", stored.status() != DefinitionStatus.RETIRED);
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return "segmentation";
    }

    /** The name's field is per template card: {@code name.rfm-classic}. An unknown template is no field's fault. */
    @PostMapping("/segmentations")
    String create(@RequestParam String template, @RequestParam(required = false) String name, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        try {
            StoredSegmentation created = segmentations.createFromTemplate(name, template);
            flash.addFlashAttribute("message", "Created '" + created.definition().name() + "' as a draft. Adjust its goals, then activate it.");
            return "redirect:/segmentations/" + created.id();
        } catch (io.strata.application.segmentation.UnknownTemplate e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/segmentations";
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return overview(FieldErrors.of("name." + template, e.getMessage()), Map.of("name." + template, name == null ? "" : name), model);
        }
    }

    /**
     * Each field is checked on its own (the name, every goal), so all wrong fields are marked in one round. The form
     * carries the revision it was rendered from ({@code seen}): a save after someone else's change is not made but
     * answered 409 with the form as typed beside what is stored now (docs/console.md, "Two people editing the same thing").
     */
    @PostMapping("/segmentations/{id}/goals")
    String editGoals(@PathVariable long id, @RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                     RedirectAttributes flash) {
        StoredSegmentation current = segmentations.segmentation(id);
        FieldErrors errors = new FieldErrors();
        Map<String, String> typed = new LinkedHashMap<>();
        String name = form.get("name");
        if (name != null) {
            typed.put("name", name);
            try {
                current.definition().named(name.strip());
            } catch (IllegalArgumentException e) {
                errors.add("name", e.getMessage());
            }
        }
        for (var segment : current.definition().segments()) {
            String field = "goal." + segment.key();
            String goal = form.get(field);
            if (goal != null) {
                typed.put(field, goal);
                try {
                    current.definition().withGoal(segment.key(), goal.strip());
                } catch (IllegalArgumentException e) {
                    errors.add(field, e.getMessage());
                }
            }
        }
        if (errors.isEmpty() && typedOnto(current.definition(), typed).equals(current.definition())) {
            // Save pressed with nothing changed: a definition in use made a new draft version of itself (session 57's
            // probe), after which its own page refused every edit as made meanwhile
            flash.addFlashAttribute("message", "Nothing was changed, so nothing was saved.");
            return "redirect:/segmentations/" + id;
        }
        if (errors.isEmpty()) {
            try {
                StoredSegmentation saved = segmentations.edit(id, seen(form.get("seen")), stored -> typedOnto(stored, typed));
                flash.addFlashAttribute("message", saved.id() == id ? "Saved." : "This definition is in use, so the change was saved as version "
                        + saved.version() + ", a new draft.");
                return "redirect:/segmentations/" + saved.id();
            } catch (EditedMeanwhile e) {
                StoredSegmentation now = segmentations.segmentation(id);
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("conflict", PlannerWords.say(e.getMessage()));
                // when a newer version was made from this one, what is stored now of the line is that version
                StoredSegmentation newest = segmentations.newestVersion(id);
                model.addAttribute("stored", newest);
                model.addAttribute("newest", newest.id() == id ? null : newest);
                return definition(now, errors, typed, model);
            } catch (SegmentationConflict | IllegalArgumentException e) {
                flash.addFlashAttribute("error", e.getMessage());
                return "redirect:/segmentations/" + id;
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("seen", form.get("seen"));
        return definition(current, errors, typed, model);
    }

    /** The typed name and goals applied to the definition as stored when the edit is made. */
    private static GeneralSegmentation typedOnto(GeneralSegmentation stored, Map<String, String> typed) {
        GeneralSegmentation edited = stored;
        for (Map.Entry<String, String> field : typed.entrySet()) {
            if (field.getKey().equals("name")) {
                edited = edited.named(field.getValue().strip());
            } else if (edited.segment(field.getKey().substring("goal.".length())).isPresent()) {
                edited = edited.withGoal(field.getKey().substring("goal.".length()), field.getValue().strip());
            }
        }
        return edited;
    }

    /** The revisions the form says its editor read: null (no check) when it names none, none that matches when it is no revision. */
    private static List<Revision> seen(String seen) {
        if (seen == null || seen.isBlank()) {
            return null;
        }
        return Revision.wellFormed(seen.strip()) ? List.of(new Revision(seen.strip())) : List.of();
    }

    /** Before activating: what stays on the segmentation active now, and a button to go ahead. */
    @GetMapping("/segmentations/{id}/activate")
    String confirmActivation(@PathVariable long id, Model model) {
        model.addAttribute("impact", segmentations.activationImpact(id));
        return "activate";
    }

    @PostMapping("/segmentations/{id}/activate")
    String activate(@PathVariable long id, RedirectAttributes flash) {
        try {
            StoredSegmentation activated = segmentations.activate(id);
            flash.addFlashAttribute("message", "Activated '" + activated.definition().name() + "'. Run it to see its segments.");
        } catch (SegmentationConflict e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/segmentations";
    }

    @PostMapping("/segmentation-runs")
    String run(@RequestParam(required = false) String asOf, Model model, HttpServletResponse response, RedirectAttributes flash) {
        LocalDate date;
        try {
            date = asOf == null || asOf.isBlank() ? LocalDate.now(clock) : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return overview(FieldErrors.of("asOf", "'" + PlainText.echo(asOf) + "' is not a date; use YYYY-MM-DD."), Map.of("asOf", asOf), model);
        }
        try {
            SegmentationRunView started = runs.start(date);
            return "redirect:/segmentation-runs/" + started.runId();
        } catch (RunInProgress | SegmentationConflict e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return overview(FieldErrors.of("asOf", e.getMessage()), Map.of("asOf", asOf), model);
        }
        return "redirect:/segmentations";
    }

    @GetMapping("/segmentation-runs/{runId}")
    String runPage(@PathVariable long runId, Model model) {
        withPredictions(run(runId), model);
        return "run";
    }

    /** The run's status box, polled by htmx while the run is RUNNING. */
    @GetMapping("/segmentation-runs/{runId}/status")
    String runStatus(@PathVariable long runId, Model model) {
        withPredictions(run(runId), model);
        return "run :: status";
    }

    /**
     * A completed run's predictions as its page shows them: fitted or not (with the reason), and the correlation of
     * repeat frequency and average spend among the repeat buyers beside the limit it is checked against (issue 20 item
     * 5). The figures are formatted here as the refusal's reason formats them (sign kept, 3 and 2 decimals), not in the
     * reader's locale.
     */
    private void withPredictions(SegmentationRunView run, Model model) {
        model.addAttribute("run", run);
        if (run.status() != RunStatus.COMPLETED) {
            return;
        }
        PredictionSummary summary = predictions.predictions(run.runId());
        model.addAttribute("predictions", summary);
        model.addAttribute("spendCorrelation", summary.spendCorrelation() == null ? null
                : String.format(Locale.ROOT, "%.3f", summary.spendCorrelation()));
        model.addAttribute("spendCorrelationLimit", String.format(Locale.ROOT, "%.2f", predictions.maximumSpendCorrelation()));
    }

    private SegmentationRunView run(long runId) {
        return runs.run(runId).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
    }
}
