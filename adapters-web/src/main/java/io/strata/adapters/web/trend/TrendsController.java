package io.strata.adapters.web.trend;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.segmentation.SegmentTrend;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.SegmentationTrend;
import io.strata.application.segmentation.port.in.FollowTrends;
import io.strata.application.segmentation.port.in.RunSegmentation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.List;
import java.util.Optional;

/**
 * Trends over runs, loaded into the segmentation and segment pages after they show (htmx), so the pages stay fast
 * and their own templates keep one concern each.
 */
@Controller
@ConsolePage
public class TrendsController {

    private final FollowTrends trends;
    private final RunSegmentation runs;

    public TrendsController(FollowTrends trends, RunSegmentation runs) {
        this.trends = trends;
        this.runs = runs;
    }

    public record Charted(SegmentTrend trend, TrendChart chart) {
    }

    /** A segmentation's runs, its current sizes and every segment's trend. */
    @GetMapping("/segmentations/{id}/trends")
    String segmentation(@PathVariable long id, Model model) {
        SegmentationTrend trend = trends.trendOf(id);
        model.addAttribute("trend", trend);
        model.addAttribute("charts", trend.segments().stream().map(s -> new Charted(s, TrendChart.of(s))).toList());
        return "fragments/trends :: segmentation";
    }

    /** One segment of the latest completed run's segmentation, over that segmentation's runs. */
    @GetMapping("/segments/{key}/trends")
    String segment(@PathVariable String key, Model model) {
        Optional<SegmentationRunView> latest = runs.latestCompletedRun();
        List<Charted> charts = latest.map(run -> trends.trendOf(run.segmentationId()).segments().stream()
                .filter(s -> s.key().equals(key)).map(s -> new Charted(s, TrendChart.of(s))).toList()).orElse(List.of());
        model.addAttribute("charts", charts);
        return "fragments/trends :: segment";
    }
}
