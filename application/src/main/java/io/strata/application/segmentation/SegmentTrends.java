package io.strata.application.segmentation;

import io.strata.application.segmentation.port.in.FollowTrends;
import io.strata.application.segmentation.port.out.RunFigures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trends read only what runs stored: segment figures ({@code run_segments}) and the migrations between consecutive runs
 * ({@code run_migrations}), which the run's worker computes right after each run completes, with any pair still missing
 * among the latest runs. A page never reads assignments, so its time does not grow with the customers; a pair not
 * computed yet shows no flows until the next run completes.
 */
public final class SegmentTrends implements FollowTrends {

    private final RunFigures figures;

    public SegmentTrends(RunFigures figures) {
        this.figures = figures;
    }

    @Override
    public SegmentationTrend trendOf(long segmentationId) {
        List<RunFigures.Run> latest = new ArrayList<>(figures.latestRuns(segmentationId, RUNS));
        latest.sort(Comparator.comparingLong(RunFigures.Run::runId));
        List<Long> ids = latest.stream().map(RunFigures.Run::runId).toList();
        List<RunFigures.Cell> cells = figures.cellsInto(ids);
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
