package io.strata.adapters.web.dashboard;

import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.domain.segmentation.SegmentSummary;
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
public class DashboardController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BrowseCustomers customers;
    private final RunSegmentation runs;
    private final ReadPredictions predictions;

    public DashboardController(BrowseCustomers customers, RunSegmentation runs, ReadPredictions predictions) {
        this.customers = customers;
        this.runs = runs;
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
            migration(run).ifPresent(m -> model.addAttribute("heatmap", Heatmap.of(m, run.segments())));
        });
        return "home";
    }

    private Optional<MigrationView> migration(SegmentationRunView run) {
        try {
            return Optional.of(runs.migration(null, run.runId()));
        } catch (RuntimeException noEarlierRun) {
            return Optional.empty();
        }
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

    /** The migration matrix with a heat level 0–9 per cell, relative to the largest cell. */
    public record Heatmap(List<String> segments, List<String> names, List<Row> rows, long movedUp, long movedDown, long stayed) {

        public record Cell(long count, int level) {
        }

        public record Row(String from, String name, List<Cell> cells) {
        }

        static Heatmap of(MigrationView migration, List<SegmentSummary> segments) {
            Map<String, String> names = new LinkedHashMap<>();
            segments.forEach(s -> names.put(s.key(), s.name()));
            long max = migration.counts().values().stream().flatMap(r -> r.values().stream()).mapToLong(Long::longValue).max().orElse(0);
            List<Row> rows = new ArrayList<>();
            for (String from : migration.segmentKeys()) {
                List<Cell> cells = new ArrayList<>();
                for (String to : migration.segmentKeys()) {
                    long count = migration.counts().getOrDefault(from, Map.of()).getOrDefault(to, 0L);
                    cells.add(new Cell(count, max == 0 || count == 0 ? 0 : (int) Math.max(1, Math.round(9.0 * count / max))));
                }
                rows.add(new Row(from, names.getOrDefault(from, from), cells));
            }
            return new Heatmap(migration.segmentKeys(), migration.segmentKeys().stream().map(k -> names.getOrDefault(k, k)).toList(), rows,
                    migration.movedUp(), migration.movedDown(), migration.stayed());
        }
    }
}
