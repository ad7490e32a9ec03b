package dev.corelanes.view;

import dev.corelanes.engine.sweep.Amdahl;
import dev.corelanes.engine.sweep.SweepPoint;
import dev.corelanes.engine.sweep.SweepResult;

import java.util.List;
import java.util.Locale;

/**
 * A scaling sweep's chart: measured speedup against cores (or workers), the ideal line (the speedup each
 * run's usable cores allow), the fitted Amdahl curve with its serial fraction, and a marker where SMT
 * siblings or efficiency cores join. Drawn only through {@link Surface}: PNG and SVG show the same chart.
 */
public final class ScalingChart {

    public static final double WIDTH = 960;
    public static final double HEIGHT = 600;
    private static final double LEFT = 70;
    private static final double RIGHT = 30;
    private static final double TOP = 132;
    private static final double BOTTOM = 78;

    private static final Rgb MEASURED = Rgb.hex("#0072B2"); // blue
    private static final Rgb AMDAHL = Rgb.hex("#E69F00"); // orange
    private static final Rgb SIBLING = Rgb.hex("#CC79A7"); // reddish purple
    private static final Rgb EFFICIENCY = Rgb.hex("#009E73"); // bluish green

    private ScalingChart() {
    }

    public static void paint(Surface s, SweepResult r, double width, double height, boolean dark) {
        Rgb bg = dark ? Rgb.hex("#1e1f24") : Rgb.hex("#ffffff");
        Rgb ink = dark ? Rgb.hex("#e8e8ea") : Rgb.hex("#1b1b1f");
        Rgb faint = dark ? Rgb.hex("#8a8c94") : Rgb.hex("#6b6d75");
        Rgb grid = faint.withAlpha(0.3);
        s.begin(width, height, bg);
        String unit = r.by().unit();
        s.text("Speedup vs " + unit + "s: " + r.workload().describe(), 16, 28, 17, true, ink, Shape.Align.LEFT);
        // The fit's sentence whole (it says where the measurements end), over two lines when it must.
        double headY = 50;
        for (String line : wrap(r.fitSentence() + (r.note().isEmpty() ? "" : " · " + r.note()), 13, width - 32, 2)) {
            s.text(line, 16, headY, 13, false, ink, Shape.Align.LEFT);
            headY += 17;
        }
        s.text(fit(r.machine().oneLine(), 11, width - 32), 16, headY + 1, 11, false, faint, Shape.Align.LEFT);
        s.text("runs one after another; speedup = wall time on 1 " + unit + " ÷ wall time on n", 16, headY + 17, 11,
                false, faint, Shape.Align.LEFT);

        List<SweepPoint> pts = r.points();
        int maxN = pts.stream().mapToInt(SweepPoint::n).max().orElse(1);
        double maxY = Math.max(maxN, pts.stream().mapToDouble(SweepPoint::speedup).max().orElse(1)) * 1.08;
        double x0 = LEFT;
        double x1 = width - RIGHT;
        double y0 = height - BOTTOM;
        double y1 = TOP;
        Axis ax = new Axis(x0, x1, y0, y1, Math.max(2, maxN), maxY);

        // grid and ticks
        List<Integer> xTicks = new java.util.ArrayList<>(ticks(Math.max(2, maxN)).stream().filter(v -> v > 1).toList());
        xTicks.add(0, 1);
        for (int n : xTicks) {
            double x = ax.x(n);
            s.line(x, y1, x, y0, grid, 1);
            s.text(String.valueOf(n), x, y0 + 16, 11, false, faint, Shape.Align.CENTER);
        }
        for (int v : ticks((int) Math.floor(maxY))) { // none above the plot: maxY has 8 % headroom
            double y = ax.y(v);
            s.line(x0, y, x1, y, grid, 1);
            s.text("×" + v, x0 - 6, y + 4, 11, false, faint, Shape.Align.RIGHT);
        }
        s.line(x0, y0, x1, y0, faint, 1);
        s.line(x0, y0, x0, y1, faint, 1);
        s.text(unit + "s", (x0 + x1) / 2, y0 + 34, 12, false, faint, Shape.Align.CENTER);
        s.text("speedup", x0 + 4, y1 - 8, 12, false, faint, Shape.Align.LEFT);

        // where SMT siblings and efficiency cores join
        marker(s, ax, r.firstAdded(SweepPoint.SMT_SIBLING), "SMT siblings from here", SIBLING, y0, y1);
        marker(s, ax, r.firstAdded(SweepPoint.EFFICIENCY_CORE), "efficiency cores from here", EFFICIENCY, y0,
                y1 + 16);

        // ideal: what each run's usable cores allow
        for (int i = 1; i < pts.size(); i++) {
            SweepPoint a = pts.get(i - 1);
            SweepPoint b = pts.get(i);
            s.line(ax.x(a.n()), ax.y(a.idealSpeedup()), ax.x(b.n()), ax.y(b.idealSpeedup()), faint, 1.5);
        }
        // Amdahl's curve through the measurements, drawn only as far as they go
        if (r.hasFit()) {
            double prevX = ax.x(1);
            double prevY = ax.y(1);
            for (int k = 1; k <= 100; k++) {
                double n = 1 + (maxN - 1) * k / 100.0;
                double x = ax.x(n);
                double y = ax.y(Amdahl.speedup(r.serialFraction(), n));
                s.line(prevX, prevY, x, y, AMDAHL, 2);
                prevX = x;
                prevY = y;
            }
        }
        // measured
        for (int i = 0; i < pts.size(); i++) {
            SweepPoint p = pts.get(i);
            double x = ax.x(p.n());
            double y = ax.y(p.speedup());
            if (i > 0) {
                SweepPoint q = pts.get(i - 1);
                s.line(ax.x(q.n()), ax.y(q.speedup()), x, y, MEASURED, 2.5);
            }
            s.fillRect(x - 4, y - 4, 8, 8, MEASURED);
            if (pts.size() <= 16) {
                s.text(String.format(Locale.ROOT, "×%.2f", p.speedup()), x, y - 9, 11, true, ink, Shape.Align.CENTER);
            }
        }
        if (pts.isEmpty()) {
            s.text("No runs measured" + (r.note().isEmpty() ? "." : ": " + r.note()), (x0 + x1) / 2, (y0 + y1) / 2,
                    14, false, faint, Shape.Align.CENTER);
        }

        // legend
        double ly = height - 14;
        double lx = 16;
        lx = legend(s, lx, ly, MEASURED, "measured", faint);
        lx = legend(s, lx, ly, faint, "ideal (usable " + unit + "s)", faint);
        if (r.hasFit()) {
            lx = legend(s, lx, ly, AMDAHL, "Amdahl fit (over the " + unit + "s measured)", faint);
        }
        if (r.firstAdded(SweepPoint.SMT_SIBLING) > 0) {
            lx = legend(s, lx, ly, SIBLING, "SMT siblings join", faint);
        }
        if (r.firstAdded(SweepPoint.EFFICIENCY_CORE) > 0) {
            legend(s, lx, ly, EFFICIENCY, "efficiency cores join", faint);
        }
        s.end();
    }

    private record Axis(double x0, double x1, double y0, double y1, double maxN, double maxY) {
        double x(double n) {
            return x0 + (n - 1) / (maxN - 1) * (x1 - x0); // from 1: there is no run on 0 cores
        }

        double y(double v) {
            return y0 - v / maxY * (y0 - y1);
        }
    }

    private static void marker(Surface s, Axis ax, int n, String text, Rgb color, double y0, double labelY) {
        if (n <= 0) {
            return;
        }
        double x = ax.x(n - 0.5); // between the last CPU of the kind before and the first of the new kind
        for (double y = labelY + 6; y < y0; y += 10) {
            s.line(x, y, x, Math.min(y0, y + 5), color, 1.5); // dashed by hand: surfaces draw plain lines
        }
        s.text(text, x + 4, labelY + 2, 11, true, color, Shape.Align.LEFT);
    }

    private static double legend(Surface s, double x, double y, Rgb color, String text, Rgb ink) {
        s.fillRect(x, y - 9, 14, 4, color);
        s.text(text, x + 18, y - 3, 11, false, ink, Shape.Align.LEFT);
        return x + 40 + TimelineLayout.textWidth(text, 11) * 1.15;
    }

    private static String fit(String text, double size, double width) {
        String t = text;
        while (t.length() > 8 && TimelineLayout.textWidth(t, size) * 1.15 > width) {
            t = t.substring(0, t.length() - 2);
        }
        return t.equals(text) ? text : t + "…";
    }

    /**
     * Words into at most {@code maxLines} lines of {@code width}, breaking first at a dash (" — ", where the fit
     * sentence turns to its caveat); the last line cut with "…" if it must be.
     */
    static List<String> wrap(String text, double size, double width, int maxLines) {
        int dash = text.indexOf(" — ");
        if (maxLines == 2 && dash > 0 && TimelineLayout.textWidth(text, size) * 1.15 > width
                && TimelineLayout.textWidth(text.substring(0, dash), size) * 1.15 <= width) {
            return List.of(text.substring(0, dash), fit(text.substring(dash + 1), size, width));
        }
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && TimelineLayout.textWidth(next, size) * 1.15 > width && lines.size() < maxLines - 1) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        lines.add(fit(line.toString(), size, width));
        return lines;
    }

    /** About six round tick values from 0 to {@code max}. */
    static List<Integer> ticks(int max) {
        int step = Math.max(1, (int) Math.ceil(max / 6.0));
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int v = 0; v <= max; v += step) {
            out.add(v);
        }
        return out;
    }
}
