package dev.paperrec.console.operator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Charts as SVG drawn on the server: shapes in view-box units, styled by the console's stylesheet. */
final class Charts {

    static final int WIDTH = 600;
    static final int HEIGHT = 200;
    static final int LEFT = 40;
    static final int BOTTOM = 20;
    static final int TOP = 10;

    private Charts() {
    }

    /** One bar with its label (shown as the bar's tooltip). */
    record Bar(double x, double y, double width, double height, String label) {
    }

    /** An axis label at a position. */
    record Label(double x, double y, String text) {
    }

    /** A bar chart of counts per day. */
    record Bars(long max, List<Bar> bars, List<Label> labels) {
    }

    /** One line of a line chart: its CSS series class, name and points ({@code "x,y x,y"}). */
    record Line(String series, String name, String points) {
    }

    /** A line chart, values from 0 to {@code max}, one x position per cutoff. */
    record Lines(String title, String max, List<Line> lines, List<Label> labels) {
    }

    static Bars perDay(Map<LocalDate, Long> counts) {
        long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        double slot = (double) (WIDTH - LEFT) / Math.max(1, counts.size());
        double plot = HEIGHT - BOTTOM - TOP;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int i = 0;
        for (Map.Entry<LocalDate, Long> day : counts.entrySet()) {
            double h = plot * day.getValue() / max;
            double x = LEFT + i * slot;
            bars.add(new Bar(round(x + slot * 0.1), round(TOP + plot - h), round(slot * 0.8), round(h),
                    day.getKey() + ": " + day.getValue() + " events"));
            if (i % 7 == 0 || i == counts.size() - 1 && i % 7 >= 4) {
                labels.add(new Label(round(x), HEIGHT - 4, day.getKey().toString().substring(5)));
            }
            i++;
        }
        return new Bars(max, bars, labels);
    }

    /** R@k or NDCG@k per strategy, {@code pick} choosing the metric. */
    static Lines perCutoff(String title, EvaluationReport report, boolean recall) {
        double max = report.strategies().stream()
                .flatMap(s -> (recall ? s.recall() : s.ndcg()).stream()).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double top = max <= 0 ? 1 : Math.ceil(max * 10) / 10;
        int n = report.cutoffs().size();
        double step = n > 1 ? (double) (WIDTH - LEFT - 20) / (n - 1) : 0;
        double plot = HEIGHT - BOTTOM - TOP;
        List<Line> lines = new ArrayList<>();
        int series = 0;
        for (EvaluationReport.Strategy s : report.strategies()) {
            List<Double> values = recall ? s.recall() : s.ndcg();
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (values.get(i) != null) {
                    points.append(round(LEFT + i * step)).append(',')
                            .append(round(TOP + plot - plot * values.get(i) / top)).append(' ');
                }
            }
            lines.add(new Line("series-" + series++ % 6, s.name(), points.toString().strip()));
        }
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(new Label(round(LEFT + i * step), HEIGHT - 4, "k=" + report.cutoffs().get(i)));
        }
        return new Lines(title, String.format("%.1f", top), lines, labels);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
