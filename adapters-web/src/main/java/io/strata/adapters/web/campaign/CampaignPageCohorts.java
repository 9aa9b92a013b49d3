package io.strata.adapters.web.campaign;

import io.strata.application.campaign.port.in.RunAlwaysOnCampaigns;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import io.strata.adapters.web.problem.ListCursor;

/**
 * Adds {@code alwaysOn} (null for a campaign that is not always-on) to the campaign page's model, so the page charts
 * the cohorts over runs while its own controller knows nothing of always-on campaigns. The page shows the newest
 * {@link #COHORTS_SHOWN} cohorts ({@code cohortsBefore=<run id>}: those before that run's), with totals over every cohort.
 */
@ControllerAdvice(assignableTypes = CampaignPageController.class)
public class CampaignPageCohorts {

    private final RunAlwaysOnCampaigns alwaysOn;

    public CampaignPageCohorts(RunAlwaysOnCampaigns alwaysOn) {
        this.alwaysOn = alwaysOn;
    }

    /** How many cohorts the page shows at once, newest; "Older cohorts" goes on before the oldest shown. */
    static final int COHORTS_SHOWN = 20;

    @ModelAttribute("alwaysOn")
    AlwaysOnPanel alwaysOn(@PathVariable(required = false) Long id, @RequestParam(required = false) String cohortsBefore,
                           HttpServletRequest request) {
        // only the page itself shows it; downloads and transitions of the same controller need no results
        if (id == null || !"GET".equals(request.getMethod()) || !request.getRequestURI().endsWith("/campaigns/" + id)) {
            return null;
        }
        // checked before the campaign is read: a cursor edited into something else is the page's 400, as in the lists
        Long before = ListCursor.id("cohortsBefore", cohortsBefore, "a run of one of this campaign's cohorts").orElse(null);
        try {
            // the newest cohorts only, and the totals over all of them from the database (session 52: every cohort was read)
            return AlwaysOnPanel.of(alwaysOn.alwaysOnPage(id, before, COHORTS_SHOWN), before != null);
        } catch (io.strata.application.campaign.CampaignConflict | io.strata.application.campaign.CampaignNotFound notAlwaysOnOrUnknown) {
            // not always-on (the usual case), or no such campaign: the page itself says so. Any other failure (a lock, the
            // database away) is the page's, answered in words as every page's is: until session 59 it was taken for "not
            // always-on" too, and an always-on campaign's page showed no cohorts without a word
            return null;
        }
    }
}
