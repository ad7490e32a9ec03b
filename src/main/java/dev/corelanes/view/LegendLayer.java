package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.WaitKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The key under the lanes, in two rows. Per core: the key from colour to task (each task named beside its
 * colour, as many as fit, then "+k more"), then the states. Per worker: the states, then thread / process.
 */
final class LegendLayer {

    private final PlotArea p;
    private final List<Shape> out;
    private final TimelineTheme theme;

    private LegendLayer(PlotArea p, List<Shape> out) {
        this.p = p;
        this.out = out;
        this.theme = p.theme();
    }

    static void add(PlotArea p, List<Shape> out) {
        new LegendLayer(p, out).legend();
    }

    private void legend() {
        Viewport v = p.viewport();
        double row1 = v.height() - 30;
        double row2 = v.height() - 10;
        double x = 10;
        double size = 13;
        boolean cores = v.mode() == LaneMode.CORES;
        double y = row1;
        if (cores) {
            taskKey(x, row1, size, v.width() - 20);
            y = row2;
        }
        for (SpanState s : SpanState.values()) {
            if (!(cores && s == SpanState.RUNNING) && (cores || s != SpanState.UNCERTAIN)) {
                x = swatch(x, y, size, Palette.state(s), false, Palette.stateLabel(s));
            }
            if (s == SpanState.SLEEPING) {
                x = waitKeys(x, y, size);
            }
        }
        if (cores && p.model().loads().size() > 0) {
            x = swatch(x, y, size, theme.load().withAlpha(Math.min(1, theme.load().alpha() * 2.5)), false,
                    "machine load");
        }
        if (!cores) {
            x = 10;
            y = row2;
        }
        x += cores ? 8 : 0;
        Rgb neutral = theme.muted();
        x = swatch(x, y, size, neutral, false, "thread");
        swatch(x, y, size, neutral, true, "process");
    }

    /**
     * "running:" then a swatch and a name per task until {@code budget} px are used, then "+k more"; nothing
     * when there is no task to name (the window before a run): a heading is never left empty.
     */
    private double taskKey(double x, double y, double size, double budget) {
        List<String> names = taskNames();
        if (names.isEmpty()) {
            return x;
        }
        String head = "running:";
        out.add(new Shape.Text(head, x, y, size, false, theme.text(), Shape.Align.LEFT));
        double end = x + budget;
        x += LayoutSizes.textWidth(head, size) + 8;
        for (int i = 0; i < names.size(); i++) {
            String more = "+" + (names.size() - i) + " more";
            double need = 17 + LayoutSizes.textWidth(names.get(i), size) + 10;
            double reserve = i == names.size() - 1 ? 0 : LayoutSizes.textWidth(more, size) + 4;
            if (x + need + reserve > end) {
                out.add(new Shape.Text(more, x, y, size, false, theme.muted(), Shape.Align.LEFT));
                return x + LayoutSizes.textWidth(more, size) + 14;
            }
            out.add(new Shape.Box(x, y - 11, 13, 13, Palette.task(i + 1), null, false, null, null));
            out.add(new Shape.Text(names.get(i), x + 17, y, size, false, theme.text(), Shape.Align.LEFT));
            x += need;
        }
        return x + 4;
    }

    /**
     * Each task's name as its bars are labelled (T3, main #2, W1 #5), by task id; tasks not seen yet (a live
     * run, or beyond the first spans read) are named "#id".
     */
    private List<String> taskNames() {
        TimelineModel m = p.model();
        int n = m.spec() != null ? m.spec().tasks() : 0;
        String[] names = new String[n];
        int found = 0;
        List<Span> spans = m.spans();
        for (int i = 0; i < spans.size() && i < 20_000 && found < n; i++) {
            Span s = spans.get(i);
            if (s.task() >= 1 && s.task() <= n && names[s.task() - 1] == null) {
                names[s.task() - 1] = LayoutSizes.taskLabel(s);
                found++;
            }
        }
        List<String> keyed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keyed.add(names[i] != null ? names[i] : "#" + (i + 1));
        }
        return keyed;
    }

    /** Right after "sleeping", a key per wait kind the run's sleeps show (a traced program's): none otherwise. */
    private double waitKeys(double x, double y, double size) {
        for (WaitKind k : p.model().waitKinds()) {
            double before = x;
            x = swatch(x, y, size, Palette.state(SpanState.SLEEPING), false, Palette.waitLabel(k));
            if (x > before) {
                out.add(BarMerger.waitBand(before, y - 11, 14, 13, Palette.waitBand(k)));
            }
        }
        return x;
    }

    private double swatch(double x, double y, double size, Rgb c, boolean process, String text) {
        if (x + 19 + LayoutSizes.textWidth(text, size) > p.viewport().width()) {
            return x;
        }
        out.add(process ? new Shape.Box(x, y - 11, 14, 13, c, Palette.textOn(c), true, null, null)
                : new Shape.Box(x, y - 11, 14, 13, c, null, false, null, null));
        out.add(new Shape.Text(text, x + 19, y, size, false, theme.text(), Shape.Align.LEFT));
        return x + 19 + LayoutSizes.textWidth(text, size) + 14;
    }
}
