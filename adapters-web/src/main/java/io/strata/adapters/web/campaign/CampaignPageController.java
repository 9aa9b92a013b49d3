package io.strata.adapters.web.campaign;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.campaign.AudienceView;
import io.strata.application.campaign.CampaignConflict;
import io.strata.application.campaign.LaunchCommand;
import io.strata.application.campaign.port.in.MeasureCampaigns;
import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.campaign.CampaignSelection;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.StoredCampaign;
import io.strata.application.campaign.ResultsView;
import io.strata.application.campaign.MeasuredResults;
import io.strata.application.campaign.RevenueAndTimeline;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.application.tactical.TacticalSegmentNotFound;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.IllegalTransition;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Transition;
import io.strata.domain.segmentation.Segment;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Campaigns in the console: the list, one campaign's page with its next steps, audience, results and deliveries. */
@Controller
@ConsolePage
public class CampaignPageController {

    private final PlanCampaigns plans;
    private final RunCampaigns runs;
    private final MeasureCampaigns measures;
    private final ManageSegmentations segmentations;
    private final ManageTacticalSegments tactical;
    private final io.strata.application.audit.port.in.BrowseAuditTrail trail;

    public CampaignPageController(PlanCampaigns plans, RunCampaigns runs, MeasureCampaigns measures, ManageSegmentations segmentations,
                                  ManageTacticalSegments tactical, io.strata.application.audit.port.in.BrowseAuditTrail trail) {
        this.plans = plans;
        this.runs = runs;
        this.measures = measures;
        this.segmentations = segmentations;
        this.tactical = tactical;
        this.trail = trail;
    }

    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    /** The campaigns the list page shows at once, newest first; "Older campaigns" goes on before the last one. */
    static final int LISTED = 50;

    /** How many of a segment's or tactical segment's campaigns its page names before it links to this list. */
    public static final int NAMED_ELSEWHERE = 10;

    /**
     * The newest campaigns, {@link #LISTED} at a time, optionally only those targeting a general segment
     * ({@code segment}) or using a tactical segment ({@code tactical}), as the segment's and tactical segment's pages
     * link to it.
     */
    @GetMapping("/campaigns")
    String list(@RequestParam(required = false) String before, @RequestParam(required = false) String segment,
                @RequestParam(required = false) Long tactical, Model model) {
        Long after = ListCursor.id(before, "a campaign").orElse(null);
        String segmentKey = segment == null || segment.isBlank() ? null : segment.strip();
        CampaignSelection selection = segmentKey != null ? CampaignSelection.targeting(segmentKey)
                : tactical != null ? CampaignSelection.using(tactical) : CampaignSelection.every();
        List<StoredCampaign> fetched = plans.campaigns(selection, after, LISTED + 1);
        model.addAttribute("segmentFilter", segmentKey);
        model.addAttribute("tacticalFilter", segmentKey == null ? tactical : null);
        List<StoredCampaign> shown = fetched.size() > LISTED ? fetched.subList(0, LISTED) : fetched;
        model.addAttribute("campaigns", shown);
        // the list's own filter kept in its links
        org.springframework.web.util.UriComponentsBuilder list = org.springframework.web.util.UriComponentsBuilder.fromPath("/campaigns");
        if (segmentKey != null) {
            list.queryParam("segment", segmentKey);
        } else if (tactical != null) {
            list.queryParam("tactical", tactical);
        }
        model.addAttribute("newestHref", list.encode().build().toUriString());
        model.addAttribute("olderHref", fetched.size() > LISTED ? list.queryParam(ListCursor.PARAMETER, shown.get(LISTED - 1).id()).encode().build().toUriString() : null);
        model.addAttribute("paged", after != null);
        model.addAttribute("listed", LISTED);
        model.addAttribute("segmentNames", segmentNames());
        model.addAttribute("replaced", segmentations.replacedPlans());
        return "campaigns";
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable long id, Model model) {
        StoredCampaign stored = plans.campaign(id);
        CampaignPlan plan = stored.campaign().plan();
        boolean launched = stored.campaign().launched().isPresent();
        String segmentKey = plan.target().segmentKey();
        Map<Long, String> tacticalNames = new HashMap<>();
        // the page names a list in several places; one look-up per tactical segment is enough
        Function<ActionList, String> listNames = list -> list.tacticalSegment().map(t -> tacticalNames.computeIfAbsent(t, this::tacticalName))
                .orElse("Default actions");
        // as measured at the launch, after each completed run and at the completion: a visit never reads the audience
        Optional<MeasuredResults> measured = launched ? measures.measuredResults(id) : Optional.empty();
        ResultsPanel results = measured.map(m -> ResultsPanel.of(m.results(), plan, listNames)).orElse(null);
        model.addAttribute("measuredAt", measured.map(MeasuredResults::measuredAt).orElse(null));
        model.addAttribute("notMeasured", launched && measured.isEmpty());
        model.addAttribute("page", CampaignPage.of(stored, segmentNames().getOrDefault(segmentKey, segmentKey),
                plan.target().tacticalSegment().map(t -> tacticalNames.computeIfAbsent(t, this::tacticalName)).orElse(null), launched ? measures.audience(id) : null,
                results, listNames));
        model.addAttribute("replacedSegmentation", segmentations.replacedPlans().ofCampaign(id).orElse(null));
        RevenueAndTimeline effect = measured.map(MeasuredResults::effect).orElse(null);
        model.addAttribute("effect", effect);
        if (effect != null && results != null && !effect.days().isEmpty()) {
            model.addAttribute("conversionChart", ConversionChart.json(effect.days(), results.treatment().customers(), results.control().customers()));
        }
        return "campaign";
    }

    /** Before a launch: the audience it would freeze now, from the latest completed run, and a button to go ahead. */
    @GetMapping("/campaigns/{id}/launch")
    String confirmLaunch(@PathVariable long id, Model model, RedirectAttributes flash) {
        StoredCampaign stored = plans.campaign(id);
        try {
            model.addAttribute("estimate", runs.estimate(id));
        } catch (IllegalTransition | CampaignConflict | InvalidCampaign e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/campaigns/" + id;
        }
        String segmentKey = stored.campaign().plan().target().segmentKey();
        model.addAttribute("stored", stored);
        model.addAttribute("segmentName", segmentNames().getOrDefault(segmentKey, segmentKey));
        return "campaign-launch";
    }

    /** schedule, launch, complete or cancel; the campaign's state decides whether it may, and says why not. */
    @PostMapping("/campaigns/{id}/{transition:schedule|launch|complete|cancel}")
    String move(@PathVariable long id, @PathVariable String transition, @RequestParam(required = false) String reason,
                RedirectAttributes flash, Model model, jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {
        Transition move = Transition.valueOf(transition.toUpperCase(Locale.ROOT));
        try {
            flash.addFlashAttribute("message", switch (move) {
                case SCHEDULE -> scheduled(runs.schedule(id, null));
                case LAUNCH -> launched(runs.launch(new LaunchCommand(id, null)));
                case COMPLETE -> "Completed " + runs.complete(id).campaign().plan().name() + ". Its results stay on this page.";
                default -> "Cancelled " + runs.cancel(id, reason).campaign().plan().name() + ".";
            });
        } catch (InvalidCampaign e) {
            if (move == Transition.CANCEL && "reason".equals(e.field())) {
                // the reason refused (too long, control characters): the page again, the reason as typed in its field and
                // the refusal under it, as every other form keeps what was typed (session 57's probe: a flash and an empty field)
                response.setStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute("cancelReason", reason);
                model.addAttribute("errors", io.strata.adapters.web.console.FieldErrors.of("reason", e.getMessage()));
                io.strata.adapters.web.console.FormAnswerAddress.answerIsThePageAt(request, "/campaigns/" + id);
                return campaign(id, model);
            }
            flash.addFlashAttribute("error", e.getMessage());
        } catch (IllegalTransition | CampaignConflict e) {
            StoredCampaign now = plans.campaign(id);
            if (move == Transition.LAUNCH && e instanceof IllegalTransition && now.campaign().launched().isPresent()) {
                // launched from another tab (or by someone else) between this tab's confirmation and its button: this tab's
                // answer is the page itself with the word, not a flash message, which the other tab's "Launched …" (one map
                // per session) would replace (session 57's probe: the refused tab showed nothing)
                response.setStatus(org.springframework.http.HttpStatus.CONFLICT.value());
                model.addAttribute("error", launchedMeanwhile(now));
                // the campaign's page, whether the button was on it or on the launch's confirmation: its address, not the POST's
                io.strata.adapters.web.console.FormAnswerAddress.answerIsThePageAt(request, "/campaigns/" + id);
                return campaign(id, model);
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/campaigns/" + id;
    }

    /** "… was launched meanwhile, by maria at 2026-12-07 05:10 UTC, to 173 customers; it is RUNNING now …" */
    private String launchedMeanwhile(StoredCampaign now) {
        io.strata.domain.campaign.Launch launch = now.campaign().launched().orElseThrow();
        List<io.strata.application.audit.AuditEvent> entries = trail.search(new io.strata.application.audit.AuditQuery(null,
                io.strata.application.audit.AuditAction.LAUNCHED, "campaign", Long.toString(now.id()), null, null, 0, 1)).events();
        String who = entries.isEmpty() ? "" : " by " + entries.get(0).actor() + ",";
        return "'" + now.campaign().plan().name() + "' was launched meanwhile," + who + " at " + MINUTE.format(launch.launchedAt()) + ", to "
                + launch.audience().treatment() + " customers (" + launch.audience().control() + " in the control group); it is "
                + now.campaign().state() + " now, as shown below. Your launch did nothing more.";
    }

    /**
     * Measures the results now: they are otherwise measured at the launch, after each completed run and at the
     * completion, so orders imported since show only after this or the next run.
     */
    @PostMapping("/campaigns/{id}/measure")
    String measure(@PathVariable long id, RedirectAttributes flash) {
        try {
            measures.measure(id);
            flash.addFlashAttribute("message", "Measured the results again.");
        } catch (CampaignConflict e) {
            flash.addFlashAttribute("error", io.strata.adapters.web.console.PlannerWords.say(e.getMessage()));
        }
        return "redirect:/campaigns/" + id;
    }

    /** The results table as CSV: the whole audience, then each action list when the plan has actions per tactical segment. */
    @GetMapping("/campaigns/{id}/results.csv")
    ResponseEntity<StreamingResponseBody> resultsCsv(@PathVariable long id) {
        // the figures the page shows; computed now only when none were measured yet
        ResultsView results = measures.measuredResults(id).map(MeasuredResults::results).orElseGet(() -> measures.results(id));
        return io.strata.adapters.web.download.CsvDownload.answer("campaign-" + id + "-results.csv", RESULTS_HEADER, csv -> {
            row(csv, "all", results.result());
            if (results.byActionList().size() > 1) {
                for (ResultsView.ActionListResult list : results.byActionList()) {
                    row(csv, list.actionList().tacticalSegment().map(t -> "tactical segment " + t).orElse("default actions"), list.result());
                }
            }
        });
    }

    private static final List<io.strata.adapters.web.download.CsvColumn> RESULTS_HEADER = List.of(
            io.strata.adapters.web.download.CsvColumn.text("action_list"), io.strata.adapters.web.download.CsvColumn.text("group"),
            io.strata.adapters.web.download.CsvColumn.number("customers"), io.strata.adapters.web.download.CsvColumn.number("converters"),
            io.strata.adapters.web.download.CsvColumn.number("conversion_rate"), io.strata.adapters.web.download.CsvColumn.number("revenue"),
            io.strata.adapters.web.download.CsvColumn.number("revenue_per_customer"), io.strata.adapters.web.download.CsvColumn.number("moved_up"));

    private static void row(io.strata.adapters.web.download.CsvDownload csv, String list, io.strata.domain.campaign.CampaignResult result) {
        for (var group : List.of(java.util.Map.entry("treatment", result.treatment()), java.util.Map.entry("control", result.control()))) {
            var g = group.getValue();
            csv.row(list, group.getKey(), g.customers(), g.converters(), g.conversionRate(), g.revenue(), g.revenuePerCustomer(), g.movedUp());
        }
    }

    @GetMapping("/campaigns/{id}/deliveries.csv")
    ResponseEntity<StreamingResponseBody> deliveriesCsv(@PathVariable long id) {
        return DeliveryFiles.csv(measures, id);
    }

    @GetMapping("/campaigns/{id}/deliveries.ndjson")
    ResponseEntity<StreamingResponseBody> deliveriesNdjson(@PathVariable long id) {
        return DeliveryFiles.ndjson(measures, id);
    }

    private static String scheduled(StoredCampaign campaign) {
        return "Scheduled " + campaign.campaign().plan().name() + ". Launch it to freeze its audience from the latest run.";
    }

    private static String launched(StoredCampaign campaign) {
        AudienceCounts audience = campaign.campaign().launched().orElseThrow().audience();
        return "Launched " + campaign.campaign().plan().name() + ": " + audience.treatment() + " customers get the action, "
                + audience.control() + " are the control group, " + audience.excludedForConsent() + " were left out for lack of consent"
                + (audience.capped() == 0 ? "." : ", " + audience.capped() + " because they had reached a channel's frequency cap.");
    }

    private Map<String, String> segmentNames() {
        return segmentations.activeSegments().stream().collect(Collectors.toMap(Segment::key, Segment::name));
    }

    private String tacticalName(long id) {
        try {
            return tactical.tacticalSegment(id).stored().segment().name();
        } catch (TacticalSegmentNotFound e) {
            return "tactical segment " + id;
        }
    }
}
