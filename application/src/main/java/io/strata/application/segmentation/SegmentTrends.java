package io.strata.application.segmentation;

import io.strata.application.segmentation.port.in.FollowTrends;
import io.strata.application.segmentation.port.out.RunFigures;
import io.strata.application.segmentation.port.out.SegmentationRuns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trends read what runs stored; flows need the migration between consecutive runs, computed once and kept
 * ({@code run_migrations}), so a pair not yet computed is computed here first, at most {@link #COMPUTED_PER_VIEW} per
 * view to keep the page fast: the others follow on later views.
 */
public final class SegmentTrends implements FollowTrends {

    static final int COMPUTED_PER_VIEW = 2;

    private final RunFigures figures;
    private final SegmentationRuns runs;

    public SegmentTrends(RunFigures figures, SegmentationRuns runs) {
        this.figures = figures;
        this.runs = runs;
    }

    @Override
    public SegmentationTrend trendOf(long segmentationId) {
        List<RunFigures.Run> latest = new ArrayList<>(figures.latestRuns(segmentationId, RUNS));
        latest.sort(Comparator.comparingLong(RunFigures.Run::runId));
        List<Long> ids = latest.stream().map(RunFigures.Run::runId).toList();
        List<RunFigures.Cell> cells = figures.cellsInto(ids);
        Set<String> computed = new HashSet<>();
        cells.forEach(c -> computed.add(c.fromRunId() + ">" + c.toRunId()));
        int budget = COMPUTED_PER_VIEW;
        for (int i = latest.size() - 1; i > 0 && budget > 0; i--) {
            if (!computed.contains(ids.get(i - 1) + ">" + ids.get(i))) {
                runs.migration(ids.get(i - 1), ids.get(i));
                budget--;
            }
        }
        if (budget < COMPUTED_PER_VIEW) {
            cells = figures.cellsInto(ids);
        }
        return assemble(segmentationId, latest, figures.segments(ids), cells);
    }

    static SegmentationTrend assemble(long segmentationId, List<RunFigures.Run> runsOldestFirst, List<RunFigures.SegmentFigure> segments,
                                      List<RunFigures.Cell> cells) {
        Map<Long, BigDecimal> revenue = new LinkedHashMap<>();
        segments.forEach(s -> revenue.merge(s.runId(), s.revenue(), BigDecimal::add));
        // segments in the value order of the latest run they appear in
        Map<String, RunFigures.SegmentFigure> newest = new LinkedHashMap<>();
        segments.stream().sorted(Comparator.comparingLong(RunFigures.SegmentFigure::runId)).forEach(s -> newest.put(s.key(), s));
        List<RunFigures.SegmentFigure> order = newest.values().stream().sorted(Comparator.comparingInt(RunFigures.SegmentFigure::rank)).toList();

        List<SegmentTrend> trends = new ArrayList<>();
        for (RunFigures.SegmentFigure segment : order) {
            List<SegmentTrend.Point> points = new ArrayList<>();
            for (int i = 0; i < runsOldestFirst.size(); i++) {
                RunFigures.Run run = runsOldestFirst.get(i);
                RunFigures.SegmentFigure here = segments.stream().filter(s -> s.runId() == run.runId() && s.key().equals(segment.key()))
                        .findFirst().orElse(null);
                long customers = here == null ? 0 : here.customers();
                BigDecimal runRevenue = revenue.getOrDefault(run.runId(), BigDecimal.ZERO);
                Long in = null;
                Long out = null;
                if (i > 0) {
                    long previous = runsOldestFirst.get(i - 1).runId();
                    List<RunFigures.Cell> pair = cells.stream().filter(c -> c.fromRunId() == previous && c.toRunId() == run.runId()).toList();
                    if (!pair.isEmpty()) {
                        in = pair.stream().filter(c -> segment.key().equals(c.to()) && !segment.key().equals(c.from()))
                                .mapToLong(RunFigures.Cell::customers).sum();
                        long stayed = pair.stream().filter(c -> segment.key().equals(c.from()) && segment.key().equals(c.to()))
                                .mapToLong(RunFigures.Cell::customers).sum();
                        long before = segments.stream().filter(s -> s.runId() == previous && s.key().equals(segment.key()))
                                .mapToLong(RunFigures.SegmentFigure::customers).sum();
                        out = before - stayed;
                    }
                }
                points.add(new SegmentTrend.Point(run.runId(), run.asOf(), customers, share(customers, run.customers()),
                        here == null ? null : share(here.revenue(), runRevenue), in, out));
            }
            trends.add(new SegmentTrend(segment.key(), segment.name(), points));
        }
        List<SegmentationTrend.RunPoint> runPoints = runsOldestFirst.stream()
                .map(r -> new SegmentationTrend.RunPoint(r.runId(), r.asOf(), r.customers())).toList();
        return new SegmentationTrend(segmentationId, runPoints, trends);
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }
}
