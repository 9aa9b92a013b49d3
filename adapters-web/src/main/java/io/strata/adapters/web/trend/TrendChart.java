package io.strata.adapters.web.trend;

import io.strata.application.segmentation.SegmentTrend;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One segment's trend drawn as plain SVG on the server (the Content-Security-Policy allows no inline script, and a
 * chart library is not needed for two lines and some bars): share of customers and share of revenue in percent, and
 * below them the flows in (up) and out (down) per run.
 */
public record TrendChart(int width, int height, String customers, String revenue, String topLabel, List<Tick> ticks,
                         List<Bar> bars, int flowAxis) {

    public record Tick(double x, String label) {
    }

    public record Bar(double x, double y, double height, String kind, String title) {
    }

    static final int WIDTH = 640;
    static final int LINES = 150;
    static final int FLOWS = 70;
    static final int LEFT = 48;
    static final int RIGHT = 12;
    static final int TOP = 12;

    static TrendChart of(SegmentTrend trend) {
        List<SegmentTrend.Point> points = trend.points();
        double top = Math.max(5, points.stream().flatMap(p -> java.util.stream.Stream.of(p.shareOfCustomers(), p.shareOfRevenue()))
                .filter(java.util.Objects::nonNull).mapToDouble(BigDecimal::doubleValue).max().orElse(0) * 100);
        top = Math.ceil(top / 5) * 5;
        double step = points.size() <= 1 ? 0 : (WIDTH - LEFT - RIGHT) / (double) (points.size() - 1);
        List<Tick> ticks = new ArrayList<>();
        StringBuilder customers = new StringBuilder();
        StringBuilder revenue = new StringBuilder();
        long maxFlow = Math.max(1, points.stream().mapToLong(p -> Math.max(p.flowIn() == null ? 0 : p.flowIn(), p.flowOut() == null ? 0 : p.flowOut()))
                .max().orElse(1));
        int flowAxis = TOP + LINES + 20 + FLOWS / 2;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SegmentTrend.Point p = points.get(i);
            double x = points.size() == 1 ? LEFT + (WIDTH - LEFT - RIGHT) / 2.0 : LEFT + i * step;
            ticks.add(new Tick(x, p.asOf().toString()));
            append(customers, x, p.shareOfCustomers(), top);
            append(revenue, x, p.shareOfRevenue(), top);
            if (p.flowIn() != null) {
                double h = (FLOWS / 2.0 - 2) * p.flowIn() / maxFlow;
                bars.add(new Bar(x - 7, flowAxis - h, h, "in", String.format(Locale.ROOT, "%s: %,d in", p.asOf(), p.flowIn())));
            }
            if (p.flowOut() != null) {
                double h = (FLOWS / 2.0 - 2) * p.flowOut() / maxFlow;
                bars.add(new Bar(x + 1, flowAxis, h, "out", String.format(Locale.ROOT, "%s: %,d out", p.asOf(), p.flowOut())));
            }
        }
        return new TrendChart(WIDTH, TOP + LINES + 20 + FLOWS + 24, customers.toString().strip(), revenue.toString().strip(),
                String.format(Locale.ROOT, "%.0f%%", top), ticks, bars, flowAxis);
    }

    private static void append(StringBuilder line, double x, BigDecimal share, double top) {
        if (share == null) {
            return;
        }
        double y = TOP + LINES - LINES * share.doubleValue() * 100 / top;
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }

    public int lineBottom() {
        return TOP + LINES;
    }

    public int labelY() {
        return height - 6;
    }
}
