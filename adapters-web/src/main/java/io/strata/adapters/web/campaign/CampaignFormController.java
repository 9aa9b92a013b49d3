package io.strata.adapters.web.campaign;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.tactical.TacticalSegmentView;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.adapters.web.console.PlannerWords;
import io.strata.application.audit.EditedMeanwhile;
import io.strata.application.campaign.CampaignConflict;
import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.campaign.StoredCampaign;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.IllegalTransition;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Transition;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Planning a campaign as a draft, and editing a draft: one form, checked on the server, each error shown next to its
 * field. Buttons that add or remove an action re-show the form with its values and save nothing.
 */
@Controller
@ConsolePage
public class CampaignFormController {

    /** A time as the edit messages say it (the application's EditCheck.minute): to the minute, in UTC. */
    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);


    /** A channel as the form offers it. */
    public record ChannelOption(String key, String label) {
    }

    static final List<ChannelOption> CHANNELS = List.of(
            new ChannelOption(Channel.EMAIL.key(), "Email"), new ChannelOption(Channel.SMS.key(), "SMS"),
            new ChannelOption(Channel.PUSH.key(), "Push"), new ChannelOption(Channel.IN_APP.key(), "In-app message"),
            new ChannelOption(Channel.CALL.key(), "Call"), new ChannelOption(Channel.OFFER.key(), "Offer (discount)"));

    private final PlanCampaigns plans;
    private final ManageSegmentations segmentations;
    private final ManageTacticalSegments tactical;

    public CampaignFormController(PlanCampaigns plans, ManageSegmentations segmentations, ManageTacticalSegments tactical) {
        this.plans = plans;
        this.segmentations = segmentations;
        this.tactical = tactical;
    }

    @GetMapping("/campaigns/new")
    String newCampaign(@RequestParam(required = false) String segment, Model model) {
        return form(CampaignForm.forSegment(segment), new FieldErrors(), null, model);
    }

    @PostMapping("/campaigns")
    String create(@ModelAttribute("form") CampaignForm form, @RequestParam(required = false) String intent, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        return submit(form, intent, null, plans::create, model, response, flash);
    }

    @GetMapping("/campaigns/{id}/edit")
    String edit(@PathVariable long id, Model model, RedirectAttributes flash) {
        StoredCampaign stored = plans.campaign(id);
        if (!stored.campaign().allowed().contains(Transition.EDIT)) {
            flash.addFlashAttribute("error", "This campaign is " + stored.campaign().state() + "; only drafts can be edited.");
            return "redirect:/campaigns/" + id;
        }
        CampaignForm form = CampaignForm.of(stored.campaign().plan());
        form.setSeen(stored.revision().value());
        return form(form, new FieldErrors(), id, model);
    }

    @PostMapping("/campaigns/{id}/edit")
    String save(@PathVariable long id, @ModelAttribute("form") CampaignForm form, @RequestParam(required = false) String intent, Model model,
                HttpServletResponse response, RedirectAttributes flash) {
        try {
            return submit(form, intent, id, plan -> plans.edit(id, plan, form.seenRevisions()), model, response, flash);
        } catch (EditedMeanwhile e) {
            // someone saved the draft since this form was opened: nothing is overwritten; the form comes back as typed,
            // beside what is stored now, and now carries that state, so saving again replaces it knowingly
            StoredCampaign now = plans.campaign(id);
            form.setSeen(now.revision().value());
            model.addAttribute("conflict", PlannerWords.say(e.getMessage()));
            if (!now.campaign().allowed().contains(Transition.EDIT)) {
                // scheduled, launched or cancelled meanwhile: saving again would only be refused (session 57's probe: the page
                // said to re-apply and save, and the save answered "Campaign 13 is SCHEDULED and cannot edit")
                String state = now.campaign().state().name();
                model.addAttribute("conflict", "Campaign " + id + " is " + state + " now" + e.changedBy().map(who -> " (changed by " + who
                        + e.changedAt().map(at -> " at " + MINUTE.format(at)).orElse("") + ")").orElse("")
                        + ", and only a draft is edited, so your changes were not saved. They are still in the form below: to keep them, "
                        + (now.campaign().allowed().contains(Transition.CANCEL) ? "cancel the campaign on its page and plan a new one with them"
                        : "plan a new campaign with them") + ".");
                model.addAttribute("noLongerDraft", true);
            }
            model.addAttribute("stored", CampaignForm.of(now.campaign().plan()));
            model.addAttribute("storedState", now.campaign().state().name());
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(form, new FieldErrors(), id, model);
        }
    }

    private String submit(CampaignForm form, String intent, Long id, Function<CampaignPlan, StoredCampaign> store, Model model,
                          HttpServletResponse response, RedirectAttributes flash) {
        if (form.reshape(intent)) {
            return form(form, new FieldErrors(), id, model);
        }
        CampaignPlanReader.Reading reading = CampaignPlanReader.checkingTacticalSegments(tactical::find).read(form.parts());
        FieldErrors errors = reading.errors();
        if (reading.plan() != null) {
            try {
                StoredCampaign saved = store.apply(reading.plan());
                flash.addFlashAttribute("message", "Saved '" + saved.campaign().plan().name() + "' as a draft. Schedule it when it is ready.");
                return "redirect:/campaigns/" + saved.id();
            } catch (InvalidCampaign e) {
                errors.add(e.field(), e.getMessage());
            } catch (CampaignConflict | IllegalTransition e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(form, errors, id, model);
    }

    private String form(CampaignForm form, FieldErrors errors, Long id, Model model) {
        Map<Long, StoredTacticalSegment> tacticalSegments = activeTacticalSegments();
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("campaignId", id);
        model.addAttribute("title", id == null ? "New campaign" : "Edit campaign " + id);
        model.addAttribute("segments", segmentations.activeSegments());
        model.addAttribute("tacticalByParent", tacticalSegments.values().stream()
                .collect(Collectors.groupingBy(t -> t.segment().parentSegment(), LinkedHashMap::new, Collectors.toList())));
        model.addAttribute("tacticalSegments", List.copyOf(tacticalSegments.values()));
        model.addAttribute("channels", CHANNELS);
        return "campaign-form";
    }

    /**
     * By id, the active ones, which the form offers: the newest version of each segment that is active (an older version
     * is archived by the revision that made the next), read without the archived versions of years of history.
     */
    private Map<Long, StoredTacticalSegment> activeTacticalSegments() {
        Map<Long, StoredTacticalSegment> byId = new LinkedHashMap<>();
        tactical.newestOfEach(null).stream().map(TacticalSegmentView::stored)
                .filter(t -> t.segment().isActive()).forEach(t -> byId.put(t.id(), t));
        return byId;
    }
}
