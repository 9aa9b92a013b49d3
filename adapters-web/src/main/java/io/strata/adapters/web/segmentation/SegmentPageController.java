package io.strata.adapters.web.segmentation;

import io.strata.adapters.web.campaign.CampaignPageController;
import io.strata.application.campaign.CampaignSelection;
import io.strata.application.campaign.StoredCampaign;
import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.tactical.TacticalSegmentView;
import io.strata.application.segmentation.SegmentMember;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.segmentation.MemberListing;
import io.strata.application.segmentation.port.in.ListSegmentMembers;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.domain.segmentation.SegmentSummary;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.segmentation.ReplacedPlans;
import io.strata.application.segmentation.RunStatus;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.domain.segmentation.Segment;

import java.util.List;

/** A general segment as of the latest completed run: its figures, the tactical segments inside it and its members, page by page. */
@Controller
@ConsolePage
public class SegmentPageController {

    static final int PAGE = 50;
    static final List<CsvColumn> MEMBERS_HEADER = List.of(CsvColumn.text("customer_id"), CsvColumn.text("email"), CsvColumn.text("city"),
            CsvColumn.number("r"), CsvColumn.number("f"), CsvColumn.number("m"), CsvColumn.number("recency_days"),
            CsvColumn.number("frequency"), CsvColumn.number("monetary"));

    /** How far back a segment of a replaced segmentation is looked for, so that old links keep working. */
    static final int RUNS_LOOKED_BACK = 200;

    private final RunSegmentation runs;
    private final ManageTacticalSegments tactical;
    private final ManageSegmentations segmentations;
    private final PlanCampaigns campaigns;
    private final ListSegmentMembers lists;
    private final ReadPredictions predictions;

    public SegmentPageController(RunSegmentation runs, ManageTacticalSegments tactical, ManageSegmentations segmentations,
                                 PlanCampaigns campaigns, ListSegmentMembers lists, ReadPredictions predictions) {
        this.runs = runs;
        this.tactical = tactical;
        this.segmentations = segmentations;
        this.campaigns = campaigns;
        this.lists = lists;
        this.predictions = predictions;
    }

    /**
     * The segment in the latest completed run, or in the given run; when the latest run has no such segment (its
     * segmentation was replaced), in the latest completed run that has it, marked as such: links from campaigns and
     * tactical segments planned on a replaced segmentation keep working.
     */
    @GetMapping("/segments/{key}")
    String segment(@PathVariable String key, @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") long after,
                   @RequestParam(required = false) Long run, @RequestParam(defaultValue = "") String sort,
                   @RequestParam(required = false) Long tactical, @RequestParam(defaultValue = "0") int page, Model model) {
        SegmentationRunView latest = latestRun();
        SegmentationRunView shownRun = shownRun(latest, key, run);
        SegmentSummary summary = shownRun.segments().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new SegmentationNotFound("run " + shownRun.runId() + " has no segment '" + key + "'"));
        String goal = segmentations.segmentation(shownRun.segmentationId()).definition().segment(key).map(Segment::goal).orElse("");
        ReplacedPlans replaced = segmentations.replacedPlans();
        // sorted or narrowed to a tactical segment: numbered pages; otherwise the cheaper pages after a key
        boolean listed = !sort.isEmpty() || tactical != null;
        MemberListing.Order order = order(sort);
        List<SegmentMember> members = listed
                ? lists.members(new MemberListing(shownRun.runId(), key, q, tactical, order, page, PAGE))
                : runs.segmentMembers(shownRun.runId(), key, q, after, PAGE + 1);
        boolean more = members.size() > PAGE;
        List<SegmentMember> shown = more ? members.subList(0, PAGE) : members;
        model.addAttribute("sort", order == MemberListing.Order.CUSTOMER && sort.isEmpty() ? "" : order.name().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("tacticalFilter", tactical);
        model.addAttribute("listed", listed);
        model.addAttribute("nextPage", listed && more && page < MemberListing.LAST_PAGE ? page + 1 : null);
        model.addAttribute("run", shownRun);
        model.addAttribute("latest", shownRun.runId() == latest.runId());
        model.addAttribute("pinned", run);
        model.addAttribute("goal", goal);
        model.addAttribute("replaced", replaced);
        // the segment's newest campaigns, selected and cut by the database; the campaign list pages through the rest
        List<StoredCampaign> targeting = campaigns.campaigns(CampaignSelection.targeting(key), null, CampaignPageController.NAMED_ELSEWHERE + 1);
        model.addAttribute("campaigns", targeting.size() > CampaignPageController.NAMED_ELSEWHERE
                ? targeting.subList(0, CampaignPageController.NAMED_ELSEWHERE) : targeting);
        model.addAttribute("moreCampaigns", targeting.size() > CampaignPageController.NAMED_ELSEWHERE);
        model.addAttribute("segment", summary);
        model.addAttribute("members", shown);
        model.addAttribute("q", q);
        model.addAttribute("tactical", insideOf(key));
        model.addAttribute("averagePredictedValue", predictions.averagePredictedValues(shownRun.runId()).get(key));
        model.addAttribute("nextAfter", !listed && more ? shown.get(shown.size() - 1).key() : null);
        return "segment";
    }

    private SegmentationRunView shownRun(SegmentationRunView latest, String key, Long run) {
        if (run != null) {
            return runs.run(run).filter(r -> r.status() == RunStatus.COMPLETED)
                    .orElseThrow(() -> new SegmentationNotFound("there is no completed run " + run));
        }
        return hasSegment(latest, key) ? latest : runs.recentRuns(RUNS_LOOKED_BACK).stream()
                .filter(r -> r.status() == RunStatus.COMPLETED && hasSegment(r, key)).findFirst()
                .orElseThrow(() -> new SegmentationNotFound("no completed run has a segment '" + key + "'"));
    }

    private static boolean hasSegment(SegmentationRunView run, String key) {
        return run.segments().stream().anyMatch(s -> s.key().equals(key));
    }

    private static MemberListing.Order order(String sort) {
        return java.util.Arrays.stream(MemberListing.Order.values()).filter(o -> o.name().equalsIgnoreCase(sort)).findFirst()
                .orElse(MemberListing.Order.CUSTOMER);
    }

    @GetMapping(path = "/segments/{key}/members.csv")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String key, @RequestParam(name = "run", required = false) Long pinned) {
        SegmentationRunView run = shownRun(latestRun(), key, pinned);
        return CsvDownload.answer("segment-" + key + ".csv", MEMBERS_HEADER, csv -> {
            long after = 0;
            List<SegmentMember> page;
            do {
                page = runs.segmentMembers(run.runId(), key, null, after, 500);
                for (SegmentMember m : page) {
                    csv.row(m.customerId(), m.email(), m.city(), m.r(), m.f(), m.m(), m.recencyDays(), m.frequency(), m.monetary());
                    after = m.key();
                }
            } while (!page.isEmpty());
        });
    }

    /**
     * Tactical segments whose parent is this segment, each once as its newest version, with their sizes in the latest
     * run: one read for all, none per row, no archived version a revision left behind.
     */
    private List<TacticalSegmentView> insideOf(String key) {
        return tactical.newestOfEach(key);
    }

    private SegmentationRunView latestRun() {
        return runs.latestCompletedRun().orElseThrow(() -> new SegmentationNotFound("no segmentation run has completed yet"));
    }
}
