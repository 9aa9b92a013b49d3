package io.strata.adapters.web.campaign;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.campaign.CampaignConflict;
import io.strata.application.campaign.port.in.PlanCampaigns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The active general segmentation as a to-do list: each segment in value order, its goal, and the campaigns planned for it. */
@Controller
@ConsolePage
public class ActionPlanPageController {

    private final PlanCampaigns plans;

    public ActionPlanPageController(PlanCampaigns plans) {
        this.plans = plans;
    }

    @GetMapping("/action-plan")
    String actionPlan(Model model) {
        try {
            model.addAttribute("plan", plans.actionPlan());
        } catch (CampaignConflict noActiveSegmentation) {
            model.addAttribute("error", noActiveSegmentation.getMessage());
        }
        return "action-plan";
    }
}
