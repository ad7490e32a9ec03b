package dev.corelanes.view;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;

import java.util.List;
import java.util.Locale;

/**
 * The overhead lab's bar chart: one horizontal bar per measurement, its length the median on a LOG scale
 * (a process costs thousands of times a virtual thread: on a linear axis the cheap bars would vanish),
 * whiskers from the 10th to the 90th percentile, and the median written beside the bar. Each bar is labelled
 * with what was timed (its name) and, under it, how (its description). Drawn only through
 * {@link Surface}, so the window, the PNG and the SVG show the same chart.
 */
public final class OverheadChart {

    public static final double ROW = 46;
    private static final double TOP = 54;
    /** The narrowest and widest the label column gets: it grows with the longest label. */
    private static final double LABEL_MIN = 190;
    private static final double LABEL_MAX_SHARE = 0.42;
    private static final double NAME_SIZE = 13;
    private static final double HOW_SIZE = 10.5;
    private static final double RIGHT_MARGIN = 90;
    private static final double BOTTOM = 44;

    private static final Rgb THREADS = Rgb.hex("#009E73"); // bluish green: things inside one process
    private static final Rgb PROCESSES = Rgb.hex("#E69F00"); // orange: the same as "spawning" on the timeline

    private OverheadChart() {
    }

    /** The height the chart needs for {@code rows} measurements. */
    public static double height(int rows) {
        return TOP + Math.max(1, rows) * ROW + BOTTOM;
    }

    public static void paint(Surface s, List<Measurement> ms, double width, boolean dark) {
        Rgb bg = dark ? Rgb.hex("#1e1f24") : Rgb.hex("#ffffff");
        Rgb ink = dark ? Rgb.hex("#e8e8ea") : Rgb.hex("#1b1b1f");
        Rgb faint = dark ? Rgb.hex("#8a8c94") : Rgb.hex("#6b6d75");
        Rgb grid = faint.withAlpha(0.35);
        double h = height(ms.size());
        s.begin(width, h, bg);
        s.text("What it costs, measured on this machine (median; whiskers: 10th–90th percentile; log scale)",
                16, 26, 14, true, ink, Shape.Align.LEFT);

        double[] range = decades(ms);
        double x0 = labelWidth(ms, width);
        double x1 = Math.max(x0 + 100, width - RIGHT_MARGIN);
        double plotBottom = TOP + Math.max(1, ms.size()) * ROW;
        for (double d = range[0]; d <= range[1] + 1e-9; d++) {
            double x = x(Math.pow(10, d), range, x0, x1);
            s.line(x, TOP - 6, x, plotBottom, grid, 1);
            s.text(duration(Math.pow(10, d)), x, plotBottom + 18, 11, false, faint, Shape.Align.CENTER);
        }
        s.text("time per operation (each grid line is 10× the one before)", (x0 + x1) / 2, plotBottom + 36, 11,
                false, faint, Shape.Align.CENTER);
        if (ms.isEmpty()) {
            s.text("No measurements yet: press Measure.", x0, TOP + ROW / 2, 13, false, faint, Shape.Align.LEFT);
        }
        for (int i = 0; i < ms.size(); i++) {
            Measurement m = ms.get(i);
            double top = TOP + i * ROW;
            double mid = top + ROW / 2;
            boolean how = !m.description().isEmpty();
            s.text(m.name(), x0 - 10, how ? mid : mid + 5, NAME_SIZE, true, ink, Shape.Align.RIGHT);
            if (how) {
                s.text(fit(m.description(), HOW_SIZE, x0 - 20), x0 - 10, mid + 14, HOW_SIZE, false, faint,
                        Shape.Align.RIGHT);
            }
            if (!m.available() || m.samplesNanos().isEmpty()) {
                s.text("not measured: " + m.note(), x0 + 6, mid + 5, 12, false, faint, Shape.Align.LEFT);
                continue;
            }
            double median = m.medianNanos();
            double xm = x(median, range, x0, x1);
            Rgb fill = isProcess(m) ? PROCESSES : THREADS;
            s.fillRect(x0, top + 10, Math.max(2, xm - x0), ROW - 20, fill);
            double lo = x(m.percentileNanos(10), range, x0, x1);
            double hi = x(m.percentileNanos(90), range, x0, x1);
            s.line(lo, mid, hi, mid, ink, 1.5);
            s.line(lo, mid - 7, lo, mid + 7, ink, 1.5);
            s.line(hi, mid - 7, hi, mid + 7, ink, 1.5);
            s.text(duration(median), Math.max(xm, hi) + 8, mid + 5, 13, true, ink, Shape.Align.LEFT);
        }
        s.fillRect(16, h - 16, 10, 10, THREADS);
        s.text("inside one process", 30, h - 7, 11, false, faint, Shape.Align.LEFT);
        s.fillRect(150, h - 16, 10, 10, PROCESSES);
        s.text("involves another process", 164, h - 7, 11, false, faint, Shape.Align.LEFT);
        s.end();
    }

    /** Whether a measurement starts or talks to another process (coloured apart from the thread ones). */
    static boolean isProcess(Measurement m) {
        return PROCESS_COSTS.contains(m.name());
    }

    private static final java.util.Set<String> PROCESS_COSTS = java.util.Set.of(OverheadLab.WORKER_JVM,
            OverheadLab.NATIVE_PROCESS, OverheadLab.PIPE_CAT, OverheadLab.PIPE_WORKER);

    /** Wide enough for the longest name (bold) and description, within its share of the chart. */
    static double labelWidth(List<Measurement> ms, double width) {
        double need = LABEL_MIN;
        for (Measurement m : ms) {
            need = Math.max(need, 20 + Math.max(textWidth(m.name(), NAME_SIZE) * 1.1, textWidth(m.description(),
                    HOW_SIZE)));
        }
        return Math.min(need, width * LABEL_MAX_SHARE);
    }

    private static double textWidth(String text, double size) {
        return TimelineLayout.textWidth(text, size) * 1.08;
    }

    private static String fit(String text, double size, double width) {
        String t = text;
        while (t.length() > 8 && textWidth(t, size) > width) {
            t = t.substring(0, t.length() - 2);
        }
        return t.equals(text) ? text : t.strip() + "…";
    }

    /** Whole decades around every p10 and p90, so each bar and whisker fits. */
    static double[] decades(List<Measurement> ms) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Measurement m : ms) {
            if (m.available() && !m.samplesNanos().isEmpty()) {
                lo = Math.min(lo, Math.max(1, m.percentileNanos(10)));
                hi = Math.max(hi, Math.max(1, m.percentileNanos(90)));
            }
        }
        if (hi == 0) {
            return new double[] {2, 8};
        }
        double a = Math.floor(Math.log10(lo));
        double b = Math.ceil(Math.log10(hi));
        return new double[] {a, Math.max(a + 1, b)};
    }

    private static double x(double nanos, double[] range, double x0, double x1) {
        double d = Math.log10(Math.max(1, nanos));
        double t = (d - range[0]) / (range[1] - range[0]);
        return x0 + Math.max(0, Math.min(1, t)) * (x1 - x0);
    }

    /** Nanoseconds as read aloud: "850 ns", "4.2 µs", "38 µs", "1.25 ms", "310 ms". */
    public static String duration(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return scaled(nanos / 1e3, "µs");
        }
        if (nanos < 1_000_000_000) {
            return scaled(nanos / 1e6, "ms");
        }
        return scaled(nanos / 1e9, "s");
    }

    private static String scaled(double v, String unit) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, unit);
    }
}
