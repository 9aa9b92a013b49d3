package io.strata.adapters.web.search;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.campaign.CampaignSelection;
import io.strata.application.campaign.StoredCampaign;
import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.customer.port.in.FindCustomers;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.domain.segmentation.SegmentSummary;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Locale;

/**
 * The navigation's one search box: customers by id prefix, email or name fragment, and the segments (of the latest
 * run), campaigns and tactical segments whose name contains the text. The lists of named objects are small enough to
 * filter here; customers are searched in the database.
 */
@Controller
@ConsolePage
public class SearchPageController {

    static final int CUSTOMERS_SHOWN = 50;
    /** The newest campaigns whose name matches that the search names. */
    static final int CAMPAIGNS_SHOWN = 20;

    private final FindCustomers customers;
    private final RunSegmentation runs;
    private final PlanCampaigns campaigns;
    private final ManageTacticalSegments tactical;

    public SearchPageController(FindCustomers customers, RunSegmentation runs, PlanCampaigns campaigns, ManageTacticalSegments tactical) {
        this.customers = customers;
        this.runs = runs;
        this.campaigns = campaigns;
        this.tactical = tactical;
    }

    public record Hit(String name, String detail, String href) {
    }

    @GetMapping("/search")
    String search(@RequestParam(required = false) String q, Model model) {
        String text = q == null ? "" : q.strip();
        model.addAttribute("navQuery", text);
        model.addAttribute("q", text);
        if (text.isEmpty()) {
            model.addAttribute("customers", List.of());
            model.addAttribute("segments", List.<Hit>of());
            model.addAttribute("campaigns", List.<Hit>of());
            model.addAttribute("tactical", List.<Hit>of());
            return "search";
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        model.addAttribute("customers", customers.find(text, CUSTOMERS_SHOWN));
        model.addAttribute("customersShown", CUSTOMERS_SHOWN);
        model.addAttribute("segments", runs.latestCompletedRun().map(run -> run.segments().stream()
                .filter(s -> contains(s.name(), wanted) || contains(s.key(), wanted))
                .map(s -> new Hit(s.name(), run.segmentationName(), "/segments/" + s.key())).toList()).orElse(List.of()));
        // the newest campaigns whose name holds the text, found and cut by the database (a trigram index)
        List<StoredCampaign> named = campaigns.campaigns(CampaignSelection.named(text), null, CAMPAIGNS_SHOWN + 1);
        model.addAttribute("campaigns", named.stream().limit(CAMPAIGNS_SHOWN).map(StoredCampaign::campaign)
                .map(c -> new Hit(c.plan().name(), c.state().name(), "/campaigns/" + c.id())).toList());
        model.addAttribute("moreCampaigns", named.size() > CAMPAIGNS_SHOWN);
        model.addAttribute("campaignsShown", CAMPAIGNS_SHOWN);
        // each tactical segment once, as its newest version: not every version ever saved
        model.addAttribute("tactical", tactical.newestOfEach(null).stream().map(t -> t.stored())
                .filter(t -> contains(t.segment().name(), wanted))
                .map(t -> new Hit(t.segment().name(), "inside " + t.segment().parentSegment(), "/tactical-segments#tactical-" + t.id())).toList());
        return "search";
    }

    private static boolean contains(String name, String wanted) {
        return name != null && name.toLowerCase(Locale.ROOT).contains(wanted);
    }
}
