package io.strata.adapters.web.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The migration as flows (Sankey-style), laid out on the server so the page draws it as plain SVG under the strict
 * Content-Security-Policy: segments before on the left (plus "new"), segments now on the right (plus "gone"), one
 * band per non-empty cell, its width proportional to the customers it carries.
 */
public record MigrationFlows(int width, int height, List<Node> nodes, List<Flow> flows) {

    public record Node(double x, double y, double height, String label, long count, boolean right) {

        public double labelX() {
            return right ? x + 12 : x - 4;
        }

        public String anchor() {
            return right ? "start" : "end";
        }

        public double labelY() {
            return y + height / 2 + 4;
        }
    }

    public record Flow(String path, double thickness, String direction, String title) {
    }

    private static final int WIDTH = 720;
    private static final int LEFT = 170;
    private static final int RIGHT = WIDTH - 170;
    private static final int BAR = 8;
    private static final double GAP = 10;
    private static final double DRAWN = 320;

    static MigrationFlows of(DashboardController.Heatmap heatmap) {
        List<DashboardController.Heatmap.Row> sources = new ArrayList<>(heatmap.rows());
        sources.add(heatmap.newcomers());
        int columns = heatmap.segments().size();
        long[] arriving = new long[columns + 1];
        for (DashboardController.Heatmap.Row row : sources) {
            for (int c = 0; c < columns; c++) {
                arriving[c] += row.cells().get(c).count();
            }
            arriving[columns] += row.gone() == null ? 0 : row.gone().count();
        }
        long leftTotal = sources.stream().mapToLong(DashboardController.Heatmap.Row::total).sum();
        long rightTotal = java.util.Arrays.stream(arriving).sum();
        double scale = Math.max(leftTotal, rightTotal) == 0 ? 0 : DRAWN / Math.max(leftTotal, rightTotal);

        List<Node> nodes = new ArrayList<>();
        double[] leftTop = new double[sources.size()];
        double y = 0;
        for (int r = 0; r < sources.size(); r++) {
            leftTop[r] = y;
            double h = sources.get(r).total() * scale;
            nodes.add(new Node(LEFT - BAR, y, Math.max(1, h), sources.get(r).name(), sources.get(r).total(), false));
            y += h + GAP;
        }
        double height = y;
        double[] rightTop = new double[columns + 1];
        y = 0;
        for (int c = 0; c <= columns; c++) {
            rightTop[c] = y;
            double h = arriving[c] * scale;
            nodes.add(new Node(RIGHT, y, Math.max(1, h), c < columns ? heatmap.names().get(c) : "gone", arriving[c], true));
            y += h + GAP;
        }
        height = Math.max(height, y);

        List<Flow> flows = new ArrayList<>();
        double[] rightUsed = new double[columns + 1];
        for (int r = 0; r < sources.size(); r++) {
            DashboardController.Heatmap.Row row = sources.get(r);
            double leftUsed = 0;
            for (int c = 0; c <= columns; c++) {
                DashboardController.Heatmap.Cell cell = c < columns ? row.cells().get(c) : row.gone();
                if (cell == null || cell.count() == 0) {
                    continue;
                }
                double thickness = cell.count() * scale;
                double y1 = leftTop[r] + leftUsed + thickness / 2;
                double y2 = rightTop[c] + rightUsed[c] + thickness / 2;
                leftUsed += thickness;
                rightUsed[c] += thickness;
                String to = c < columns ? heatmap.names().get(c) : "gone";
                flows.add(new Flow(curve(y1, y2), Math.max(1, thickness), cell.direction().equals("edge") ? "stay" : cell.direction(),
                        String.format(Locale.ROOT, "%s → %s: %,d", row.name(), to, cell.count())));
            }
        }
        return new MigrationFlows(WIDTH, (int) Math.ceil(height), nodes, flows);
    }

    private static String curve(double y1, double y2) {
        double middle = (LEFT + RIGHT) / 2.0;
        return String.format(Locale.ROOT, "M%d %.1f C%.1f %.1f, %.1f %.1f, %d %.1f", LEFT, y1, middle, y1, middle, y2, RIGHT, y2);
    }
}
