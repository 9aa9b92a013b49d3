package io.strata.adapters.web.tactical;

import io.strata.adapters.web.campaign.CampaignPageController;
import io.strata.application.campaign.CampaignSelection;
import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.campaign.StoredCampaign;
import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.segmentation.SegmentationConflict;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.tactical.CreateTacticalSegment;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.application.tactical.TacticalSegmentView;
import io.strata.application.tactical.TacticalSegmentChangedMeanwhile;
import io.strata.adapters.web.console.PlannerWords;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.domain.rule.RuleError;
import io.strata.domain.tactical.InvalidTacticalSegment;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/**
 * One tactical segment's page: its rule and hypothesis, members of the latest run (CSV too), its share of the parent
 * over runs, the campaigns that use it; a change is saved as a new version, and it can be archived.
 */
@Controller
@ConsolePage
public class TacticalSegmentPageController {

    static final int MEMBERS_SHOWN = 50;
    /** How many of its versions a tactical segment's page lists at once, newest first. */
    static final int VERSIONS_LISTED = 50;
    private static final List<CsvColumn> MEMBERS_HEADER = List.of(CsvColumn.text("customer_id"));

    private final ManageTacticalSegments tactical;
    private final ManageSegmentations segmentations;
    private final PlanCampaigns campaigns;

    public TacticalSegmentPageController(ManageTacticalSegments tactical, ManageSegmentations segmentations, PlanCampaigns campaigns) {
        this.tactical = tactical;
        this.segmentations = segmentations;
        this.campaigns = campaigns;
    }

    @GetMapping("/tactical-segments/{id}")
    String page(@PathVariable long id, @RequestParam(required = false) String versionsBefore, Model model) {
        Long below = ListCursor.id("versionsBefore", versionsBefore, "a version of this tactical segment").orElse(null);
        return page(id, below, new FieldErrors(), null, Map.of(), model);
    }

    private String page(long id, FieldErrors errors, TacticalBuilderController.RuleFeedback feedback, Map<String, String> typed, Model model) {
        return page(id, null, errors, feedback, typed, model);
    }

    private String page(long id, Long versionsBelow, FieldErrors errors, TacticalBuilderController.RuleFeedback feedback,
                        Map<String, String> typed, Model model) {
        TacticalSegmentView view = tactical.tacticalSegment(id);
        // every version of the segment, newest first, a page at a time (the list names only the newest)
        List<StoredTacticalSegment> versions = tactical.versions(id, versionsBelow, VERSIONS_LISTED + 1);
        List<StoredTacticalSegment> versionsShown = versions.size() > VERSIONS_LISTED ? versions.subList(0, VERSIONS_LISTED) : versions;
        model.addAttribute("versions", versionsShown);
        model.addAttribute("olderVersions", versions.size() > VERSIONS_LISTED ? versionsShown.get(VERSIONS_LISTED - 1).id() : null);
        model.addAttribute("versionsPaged", versionsBelow != null);
        model.addAttribute("versionsListed", VERSIONS_LISTED);
        model.addAttribute("newestVersion", versionsBelow == null && !versions.isEmpty() ? versions.get(0)
                : tactical.versions(id, null, 1).get(0));
        model.addAttribute("t", view);
        model.addAttribute("archiveConfirm", "Archive " + view.stored().segment().name() + "? Runs stop computing its members and new"
                + " campaigns cannot use it; campaigns that used it keep their audiences.");
        model.addAttribute("members", tactical.firstMembers(id, MEMBERS_SHOWN));
        model.addAttribute("shares", tactical.shareOverRuns(id));
        List<StoredCampaign> using = campaigns.campaigns(CampaignSelection.using(id), null, CampaignPageController.NAMED_ELSEWHERE + 1);
        model.addAttribute("campaigns", using.size() > CampaignPageController.NAMED_ELSEWHERE
                ? using.subList(0, CampaignPageController.NAMED_ELSEWHERE) : using);
        model.addAttribute("moreCampaigns", using.size() > CampaignPageController.NAMED_ELSEWHERE);
        model.addAttribute("replacedSegmentation", segmentations.replacedPlans().ofTacticalSegment(id).orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("feedback", feedback);
        model.addAttribute("typed", typed);
        if (!model.containsAttribute("reviseId")) {
            // the version the form saves a new version of: this one, or (after a refusal) the newest one
            model.addAttribute("reviseId", view.stored().segment().isActive() ? view.stored().id() : null);
            model.addAttribute("saveLabel", "Save as a new version");
        }
        return "tactical-segment";
    }

    @GetMapping("/tactical-segments/{id}/members.csv")
    ResponseEntity<StreamingResponseBody> members(@PathVariable long id) {
        tactical.tacticalSegment(id);
        return CsvDownload.answer("tactical-segment-" + id + ".csv", MEMBERS_HEADER, csv -> tactical.members(id, csv::row));
    }

    /**
     * A change never rewrites the rule campaigns used: it is saved as a new tactical segment, and this one archived. A
     * version is never changed in place, so the id in the address is the revision the form was read from: a save after
     * someone saved a newer version (or archived it) is answered 409 with the form as typed (docs/console.md).
     */
    @PostMapping("/tactical-segments/{id}/revise")
    String revise(@PathVariable long id, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String rule,
                  @RequestParam(defaultValue = "") String hypothesis, Model model, HttpServletResponse response, RedirectAttributes flash) {
        StoredTacticalSegment current = tactical.tacticalSegment(id).stored();
        Map<String, String> typed = Map.of("name", name, "rule", rule, "hypothesis", hypothesis);
        try {
            StoredTacticalSegment revised = tactical.revise(id, new CreateTacticalSegment(name, current.segment().parentSegment(), rule, hypothesis));
            flash.addFlashAttribute("message", "Saved as a new version of '" + current.segment().name() + "'; the previous version is archived"
                    + " and stays with the campaigns that used it." + countAtSave(revised));
            return "redirect:/tactical-segments/" + revised.id();
        } catch (RuleError e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(id, new FieldErrors(), TacticalBuilderController.feedback(rule, e), typed, model);
        } catch (InvalidTacticalSegment e) {
            FieldErrors errors = new FieldErrors();
            e.problems().forEach(problem -> errors.add(problem.field(), problem.message()));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(id, errors, null, typed, model);
        } catch (TacticalSegmentChangedMeanwhile e) {
            // someone saved a newer version (or archived it) since the page was read: nothing saved, the page again with
            // what was typed, who changed it and when, the newest version, and a form that saves onto that one knowingly
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("conflict", PlannerWords.say(e.getMessage()));
            model.addAttribute("storedNow", e.newest());
            model.addAttribute("reviseId", e.canBeSavedOnTheNewest() ? e.newest().id() : null);
            model.addAttribute("saveLabel", "Save as the version after " + e.newest().segment().name() + " (" + e.newest().id() + ")");
            return page(id, new FieldErrors(), null, typed, model);
        } catch (SegmentationConflict e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/tactical-segments/" + id;
        }
    }

    @PostMapping("/tactical-segments/{id}/archive")
    String archive(@PathVariable long id, RedirectAttributes flash) {
        TacticalSegmentView archived = tactical.archive(id);
        flash.addFlashAttribute("message", "Archived '" + archived.stored().segment().name() + "'. Runs no longer compute its members;"
                + " campaigns that used it keep their audiences.");
        return "redirect:/tactical-segments/" + id;
    }

    private static String countAtSave(StoredTacticalSegment saved) {
        return saved.membersAtSave() == null ? " Its members are computed in the next run."
                : " It matches " + saved.membersAtSave() + " of " + saved.parentCustomersAtSave() + " customers of its parent in the latest run.";
    }
}
