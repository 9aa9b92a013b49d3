package io.strata.adapters.web.campaign;

import io.strata.application.campaign.port.in.RunAlwaysOnCampaigns;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Adds {@code alwaysOn} (null for a campaign that is not always-on) to the campaign page's model, so the page charts
 * the cohorts over runs while its own controller knows nothing of always-on campaigns.
 */
@ControllerAdvice(assignableTypes = CampaignPageController.class)
public class CampaignPageCohorts {

    private final RunAlwaysOnCampaigns alwaysOn;

    public CampaignPageCohorts(RunAlwaysOnCampaigns alwaysOn) {
        this.alwaysOn = alwaysOn;
    }

    @ModelAttribute("alwaysOn")
    AlwaysOnPanel alwaysOn(@PathVariable(required = false) Long id, HttpServletRequest request) {
        // only the page itself shows it; downloads and transitions of the same controller need no results
        if (id == null || !"GET".equals(request.getMethod()) || !request.getRequestURI().endsWith("/campaigns/" + id)) {
            return null;
        }
        try {
            return AlwaysOnPanel.of(alwaysOn.alwaysOn(id));
        } catch (RuntimeException notAlwaysOnOrUnknown) {
            // not always-on (the usual case), or no such campaign: the page itself says so
            return null;
        }
    }
}
