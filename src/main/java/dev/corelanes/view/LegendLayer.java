package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.WaitKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The key under the lanes, in two rows. Per core: the key from colour to task (each task named beside its
 * colour, as many as fit, then "+k more"), then the states with thread / process. Per worker: the states, then
 * thread / process. Every key of a row is shown: a row short of room is set smaller instead.
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
        double size = 13;
        boolean cores = v.mode() == LaneMode.CORES;
        List<Key> keys = new ArrayList<>();
        for (SpanState s : SpanState.values()) {
            if (!(cores && s == SpanState.RUNNING) && (cores || s != SpanState.UNCERTAIN)) {
                keys.add(Key.of(Palette.state(s), false, Palette.stateLabel(s), false));
            }
            if (s == SpanState.SLEEPING) {
                waitKeys(keys);
            }
        }
        if (cores && p.model().loads().size() > 0) {
            keys.add(Key.of(theme.load().withAlpha(Math.min(1, theme.load().alpha() * 2.5)), false,
                    "machine load", false));
        }
        Rgb neutral = theme.muted();
        keys.add(Key.of(neutral, false, "thread", true));
        keys.add(Key.of(neutral, true, "process", false));
        double right = v.width() - 10;
        double[] rows = {row1, row2};
        double first = 10;
        if (cores) {
            double end = taskKey(10, row1, size, v.width() - 20);
            // A short task key leaves the first row's end to the states; a full one gives them the second row.
            first = end > 10 ? end + 10 : 10;
        }
        // The keys flow over the two rows (states on a row of their own per worker: thread and process on the
        // next). Short of room — a 1280×720 projector at twice the size gives the layout ~400 px — they are set
        // smaller, down to LEAST_SIZE, rather than losing the last ones ("process", the key to hatched bars).
        double fit = size;
        while (fit > LEAST_SIZE && flow(keys, first, rows, fit, right, cores, false) < keys.size()) {
            fit = Math.max(LEAST_SIZE, fit - 0.5);
        }
        flow(keys, first, rows, fit, right, cores, true);
    }

    /** A key: its swatch (hatched for a process) and its name; {@code apart} sets it off from the key before. */
    private record Key(Rgb colour, boolean process, String text, boolean apart, Rgb band) {
        static Key of(Rgb colour, boolean process, String text, boolean apart) {
            return new Key(colour, process, text, apart, null);
        }
    }

    /** Smaller than this, a key is no longer read from the back of a room. */
    private static final double LEAST_SIZE = 10;

    /**
     * Places {@code keys} from {@code x} on the first of {@code rows}, wrapping to the next where one would pass
     * {@code right}; per worker, thread and process always start the second row. Draws them when {@code draw};
     * returns how many were placed.
     */
    private int flow(List<Key> keys, double x, double[] rows, double size, double right, boolean cores,
                     boolean draw) {
        int row = 0;
        int placed = 0;
        double lastEnd = x;
        for (Key k : keys) {
            if (!cores && k.apart() && row == 0) {
                row = 1;
                x = 10;
            }
            double gap = cores && k.apart() && x > 10 ? 8 : 0;
            double need = gap + 19 * size / 13 + LayoutSizes.textWidth(k.text(), size);
            if (x + need > right && x > 10) {
                row++;
                x = 10;
                gap = 0;
                need = 19 * size / 13 + LayoutSizes.textWidth(k.text(), size);
            }
            if (row >= rows.length) {
                if (!draw) {
                    return placed;
                }
                // Not even the least type holds them all: the rest run on past the edge of the last row rather
                // than vanish unannounced. The window's zoom fit measures the drawn texts and shrinks the zoom
                // until they fit; a slide is wide enough never to get here.
                row = rows.length - 1;
                x = lastEnd;
            }
            if (draw) {
                swatch(x + gap, rows[row], size, k.colour(), k.process(), k.text());
                if (k.band() != null) {
                    out.add(BarMerger.waitBand(x + gap, rows[row] - 11 * size / 13, 14 * size / 13, 13 * size / 13,
                            k.band()));
                }
            }
            x += need + 14 * size / 13;
            lastEnd = x;
            placed++;
        }
        return placed;
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
    private void waitKeys(List<Key> keys) {
        for (WaitKind k : p.model().waitKinds()) {
            keys.add(new Key(Palette.state(SpanState.SLEEPING), false, Palette.waitLabel(k), false,
                    Palette.waitBand(k)));
        }
    }

    private double swatch(double x, double y, double size, Rgb c, boolean process, String text) {
        double box = 14 * size / 13;
        double gap = 19 * size / 13;
        double top = y - 11 * size / 13;
        double h = 13 * size / 13;
        out.add(process ? new Shape.Box(x, top, box, h, c, Palette.textOn(c), true, null, null)
                : new Shape.Box(x, top, box, h, c, null, false, null, null));
        out.add(new Shape.Text(text, x + gap, y, size, false, theme.text(), Shape.Align.LEFT));
        return x + gap + LayoutSizes.textWidth(text, size) + 14 * size / 13;
    }
}
