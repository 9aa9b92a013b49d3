package io.strata.adapters.web.dashboard;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.domain.segmentation.SegmentSummary;
import io.strata.application.campaign.ProgrammeStanding;
import io.strata.application.campaign.port.in.ManageHoldout;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The planner's first screen: how big the base is, how it splits by value, and how customers moved lately. */
@Controller
@ConsolePage
public class DashboardController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BrowseCustomers customers;
    private final RunSegmentation runs;
    private final ManageHoldout holdout;
    private final ReadPredictions predictions;

    public DashboardController(BrowseCustomers customers, RunSegmentation runs, ManageHoldout holdout, ReadPredictions predictions) {
        this.customers = customers;
        this.runs = runs;
        this.holdout = holdout;
        this.predictions = predictions;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("customerCount", customers.countCustomers());
        Optional<SegmentationRunView> latest = runs.latestCompletedRun();
        model.addAttribute("run", latest.orElse(null));
        latest.ifPresent(run -> {
            model.addAttribute("segmentChart", JSON.writeValueAsString(chart(run.segments())));
            model.addAttribute("averagePredictedValues", predictions.averagePredictedValues(run.runId()));
            model.addAttribute("smallSegments", run.segments().stream().filter(SegmentSummary::small).toList());
            // the run's worker stores the migration after the run answers; a visit never computes it
            runs.storedMigration(run.runId()).ifPresent(m -> {
                Heatmap heatmap = Heatmap.of(m, run.segments());
                model.addAttribute("heatmap", heatmap);
                model.addAttribute("flows", MigrationFlows.of(heatmap));
            });
            model.addAttribute("measuring", !runs.followedUp(run.runId()));
        });
        // measured once after each completed run: a visit reads one row, not every customer (issue 18, page times at 1M)
        ProgrammeStanding standing = holdout.standing();
        model.addAttribute("holdoutNow", standing.holdout().holdout());
        model.addAttribute("programme", standing.measurement().map(ProgrammePanel::of).orElse(null));
        return "home";
    }

    /** Segments in value order with their share of customers and of revenue: the Pareto picture. */
    static Map<String, Object> chart(List<SegmentSummary> segments) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", segments.stream().map(SegmentSummary::name).toList());
        data.put("customers", segments.stream().map(s -> percent(s.shareOfCustomers())).toList());
        data.put("revenue", segments.stream().map(s -> percent(s.shareOfRevenue())).toList());
        return data;
    }

    private static BigDecimal percent(BigDecimal share) {
        return share == null ? BigDecimal.ZERO : share.movePointRight(2);
    }

    /**
     * The migration matrix read by rows: each cell is the count and its share of the segment before, coloured by
     * direction (up, down, stayed) with a level 0–4 by that share; a "gone" column for customers the later run no
     * longer has and a "new" row for customers the earlier run did not have yet.
     */
    public record Heatmap(List<String> segments, List<String> names, List<Row> rows, Row newcomers, long movedUp, long movedDown,
                          long stayed, long newCount, long goneCount) {

        public record Cell(long count, double share, String direction, int level) {

            public String cssClass() {
                return level == 0 ? "heat-0" : direction + "-" + level;
            }
        }

        public record Row(String from, String name, long total, List<Cell> cells, Cell gone) {
        }

        static Heatmap of(MigrationView migration, List<SegmentSummary> segments) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, Integer> ranks = new LinkedHashMap<>();
            segments.forEach(s -> {
                names.put(s.key(), s.name());
                ranks.put(s.key(), s.rank());
            });
            List<Row> rows = new ArrayList<>();
            long goneCount = 0;
            for (String from : migration.segmentKeys()) {
                Map<String, Long> counts = migration.counts().getOrDefault(from, Map.of());
                long gone = migration.gone().getOrDefault(from, 0L);
                long total = counts.values().stream().mapToLong(Long::longValue).sum() + gone;
                List<Cell> cells = new ArrayList<>();
                for (String to : migration.segmentKeys()) {
                    int change = Integer.compare(ranks.getOrDefault(to, 0), ranks.getOrDefault(from, 0));
                    cells.add(cell(counts.getOrDefault(to, 0L), total, change > 0 ? "up" : change < 0 ? "down" : "stay"));
                }
                goneCount += gone;
                rows.add(new Row(from, names.getOrDefault(from, from), total, cells, cell(gone, total, "edge")));
            }
            long newTotal = migration.newcomers().values().stream().mapToLong(Long::longValue).sum();
            Row newcomers = new Row("", "new", newTotal, migration.segmentKeys().stream()
                    .map(to -> cell(migration.newcomers().getOrDefault(to, 0L), newTotal, "edge")).toList(), null);
            return new Heatmap(migration.segmentKeys(), migration.segmentKeys().stream().map(k -> names.getOrDefault(k, k)).toList(), rows,
                    newcomers, migration.movedUp(), migration.movedDown(), migration.stayed(), newTotal, goneCount);
        }

        private static Cell cell(long count, long rowTotal, String direction) {
            double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
            int level = count == 0 ? 0 : share <= .10 ? 1 : share <= .33 ? 2 : share <= .66 ? 3 : 4;
            return new Cell(count, share, direction, level);
        }
    }
}
