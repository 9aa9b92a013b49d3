package io.strata.adapters.web.campaign;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.campaign.AlwaysOnView;
import io.strata.application.campaign.CampaignConflict;
import io.strata.application.campaign.port.in.RunAlwaysOnCampaigns;
import io.strata.domain.campaign.IllegalTransition;
import io.strata.domain.campaign.InvalidCampaign;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Always-on campaigns in the console, on the campaign's own page: start, pause, resume and stop through the same use
 * case as the API (so the same audit entries are written), and the cohorts chart ({@link CampaignPageCohorts}).
 */
@Controller
@ConsolePage
public class AlwaysOnPageController {

    private final RunAlwaysOnCampaigns alwaysOn;

    public AlwaysOnPageController(RunAlwaysOnCampaigns alwaysOn) {
        this.alwaysOn = alwaysOn;
    }

    @PostMapping("/campaigns/{id}/always-on/{action:start|pause|resume|stop}")
    String change(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            AlwaysOnView view = (switch (action) {
                case "start" -> alwaysOn.start(id);
                case "pause" -> alwaysOn.pause(id);
                case "resume" -> alwaysOn.resume(id);
                default -> alwaysOn.stop(id, reason);
            }).view();
            flash.addFlashAttribute("message", view.name() + " is always-on: " + view.state().name().toLowerCase(java.util.Locale.ROOT) + ".");
        } catch (IllegalTransition | CampaignConflict | InvalidCampaign e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/campaigns/" + id;
    }
}
