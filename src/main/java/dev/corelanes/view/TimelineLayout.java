package dev.corelanes.view;

import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a {@link TimelineModel} and a {@link Viewport} into a {@link TimelineFrame}: lanes, bars, axis,
 * legend, now line, all in pixels. The only place that decides what the timeline looks like; surfaces
 * just draw the result.
 *
 * <p>Cost follows what is visible: each lane is entered by binary search at the left edge and left at the
 * right edge, and consecutive bars that would overlap within a pixel merge into one box.
 */
public final class TimelineLayout {

    public static final double AXIS_HEIGHT = 26;
    public static final double LEGEND_HEIGHT = 50; // two rows (see legend())
    public static final double GUTTER = 84;
    private static final double RIGHT_MARGIN = 12;
    private static final double MIN_LANE = 15;
    private static final double GROUP_GAP = 5;
    private static final double CLASS_GAP = 10;
    private static final double OFF_HEADER = 22;
    /** The least height of a lane whose label and bars a class can read (the window keeps this, scrolling). */
    public static final double LEGIBLE_LANE = 18;
    /** Up to this many workers each keep their own off-CPU or worker lane; more are packed into shared lanes. */
    public static final int MAX_UNMERGED = 16;

    private TimelineLayout() {
    }

    public static TimelineFrame layout(TimelineModel m, Viewport v) {
        return layout(m, v, true);
    }

    /**
     * As {@link #layout(TimelineModel, Viewport)}; without the legend when {@code legend} is false (a slide
     * stacking several timelines shows one legend for them all).
     */
    public static TimelineFrame layout(TimelineModel m, Viewport v, boolean legend) {
        return new TimelineLayout.Run(m, v, legend).build();
    }

    /**
     * The least height at which every CPU lane and, up to {@link #MAX_UNMERGED} workers, every worker lane is
     * {@link #LEGIBLE_LANE} tall with its label: the window grows (and scrolls) to keep it.
     */
    public static double legibleHeight(TimelineModel m, LaneMode mode, boolean legend) {
        int workers = m.workerCount();
        double lanes;
        if (mode == LaneMode.CORES && !m.coreUnknown()) {
            int n = Math.max(1, m.coreCount());
            int groups = Run.groups(m.machine(), n).size();
            lanes = n * LEGIBLE_LANE + (groups - 1) * GROUP_GAP
                    + (workers > 0 ? OFF_HEADER + Math.min(workers, MAX_UNMERGED) * LEGIBLE_LANE : 0);
        } else {
            lanes = Math.max(1, Math.min(workers, MAX_UNMERGED)) * LEGIBLE_LANE;
        }
        return AXIS_HEIGHT + 4 + lanes + (legend ? LEGEND_HEIGHT : 4);
    }

    /** The whole range of a model, with a little room after its last span. */
    public static long[] fitRange(TimelineModel m, long minNanos) {
        long end = Math.max(minNanos, m.lastNanos());
        return new long[] {0, Math.max(1, Math.round(end * 1.03))};
    }

    /** One layout pass; keeps its working state out of the public API. */
    private static final class Run {
        private final TimelineModel m;
        private final Viewport v;
        private final TimelineTheme theme;
        private final List<Shape> shapes = new ArrayList<>();
        private final List<TimelineFrame.Lane> lanes = new ArrayList<>();
        private final double plotX = GUTTER;
        private final double plotW;
        private final double top = AXIS_HEIGHT;
        private final double bottom;
        private final long openEnd;
        private final boolean withLegend;
        private double lanesBottom;

        Run(TimelineModel m, Viewport v, boolean withLegend) {
            this.m = m;
            this.v = v;
            this.withLegend = withLegend;
            this.theme = v.theme();
            this.plotW = Math.max(10, v.width() - GUTTER - RIGHT_MARGIN);
            this.bottom = v.height() - (withLegend ? LEGEND_HEIGHT : 4);
            this.openEnd = v.nowNanos() >= 0 ? v.nowNanos() : m.lastNanos();
        }

        TimelineFrame build() {
            List<Shape> labels = new ArrayList<>();
            if (v.mode() == LaneMode.CORES) {
                coreLanes(labels);
            } else {
                workerLanes(labels);
            }
            for (TimelineFrame.Lane lane : lanes) {
                shapes.add(new Shape.Box(plotX, lane.y(), plotW, lane.h(),
                        (lane.index() % 2 == 0) ? theme.lane() : theme.laneAlt(), null, false, null, null));
            }
            loadStrips();
            grid();
            bars();
            shapes.addAll(labels);
            nowLine();
            if (withLegend) {
                legend();
            }
            message();
            return new TimelineFrame(v.width(), v.height(), theme.background(), shapes, List.copyOf(lanes), plotX,
                    plotW, v, openEnd);
        }

        // ---- lanes -------------------------------------------------------------------------------------

        private void coreLanes(List<Shape> labels) {
            int n = m.coreCount();
            List<List<Integer>> groups = groups(m.machine(), n);
            int workers = m.workerCount();
            int classChanges = 0;
            for (int i = 1; i < groups.size(); i++) {
                if (m.machine().classOf(groups.get(i).get(0)) != m.machine().classOf(groups.get(i - 1).get(0))) {
                    classChanges++;
                }
            }
            double gaps = (groups.size() - 1) * GROUP_GAP + classChanges * CLASS_GAP;
            double avail = bottom - top - 2 - gaps - (workers > 0 ? OFF_HEADER : 0); // lanes start at top + 2
            // Off-CPU lanes get what they need (up to 45 %), CPU lanes the rest, within legible bounds.
            // Off-CPU lanes keep their legible height (while not packed) before the CPU lanes share the rest.
            double preferred = Math.min(workers * 26.0, avail * 0.45);
            double legibleOff = Math.min(workers, MAX_UNMERGED) * LEGIBLE_LANE;
            double offShare = avail >= n * LEGIBLE_LANE + legibleOff
                    ? Math.max(legibleOff, Math.min(preferred, avail - n * LEGIBLE_LANE)) : preferred;
            double hc = Math.max(1.5, Math.min(90, (avail - offShare) / n));
            double y = top + 2;
            int labelEvery = hc >= 12 ? 1 : (int) Math.ceil(12 / hc);
            double labelSize = Math.max(hc >= LEGIBLE_LANE ? 12 : 10, Math.min(15, hc * 0.5)); // 12 px in an 18 px lane
            MachineInfo machine = m.machine();
            CoreClass previous = groups.isEmpty() ? null : machine.classOf(groups.get(0).get(0));
            for (List<Integer> g : groups) {
                if (machine.classOf(g.get(0)) != previous) {
                    y += CLASS_GAP; // performance and efficiency cores apart
                    previous = machine.classOf(g.get(0));
                }
                double gy = y;
                for (int core : g) {
                    // On a hybrid processor each lane names its class: "P CPU 0", "E CPU 12".
                    CoreClass k = machine.classOf(core);
                    String name = (k == null ? "" : k.letter() + " ") + "CPU " + core;
                    lanes.add(new TimelineFrame.Lane(TimelineFrame.LaneKind.CORE, core, n, name, y, hc,
                            m.core(core)));
                    if (core % labelEvery == 0) {
                        labels.add(new Shape.Text(name, plotX - 8, y + hc / 2 + labelSize * 0.36, labelSize,
                                false, theme.text(), Shape.Align.RIGHT));
                    }
                    y += hc;
                }
                if (g.size() > 1) {
                    // A bracket joins logical CPUs that share one physical core (SMT siblings).
                    labels.add(new Shape.Line(6, gy + 2, 6, y - 2, theme.muted(), 2));
                }
                y += GROUP_GAP;
            }
            y -= GROUP_GAP;
            if (workers > 0) {
                labels.add(new Shape.Line(8, y + 4, v.width() - RIGHT_MARGIN, y + 4, theme.grid(), 1));
                labels.add(new Shape.Text("tasks off the CPU: sleeping, waiting for the GIL, preempted, spawning", plotX,
                        y + OFF_HEADER - 6, 12, false, theme.muted(), Shape.Align.LEFT));
                labels.add(new Shape.Text("off-CPU", plotX - 8, y + OFF_HEADER - 6, 12, true, theme.muted(),
                        Shape.Align.RIGHT));
                y += OFF_HEADER;
                workerGroup(labels, TimelineFrame.LaneKind.OFF_CPU, y, bottom - y, 26);
            } else {
                lanesBottom = y;
            }
        }

        private void workerLanes(List<Shape> labels) {
            workerGroup(labels, TimelineFrame.LaneKind.WORKER, top + 2, bottom - top - 2, 64);
        }

        /** One lane per worker, or packed lanes when there are more workers than fit legibly. */
        private void workerGroup(List<Shape> labels, TimelineFrame.LaneKind kind, double y, double avail,
                                 double maxLane) {
            int workers = Math.max(1, m.workerCount());
            // A few workers always keep a lane each (the window makes room); many share lanes, T1 +k.
            int count = workers <= MAX_UNMERGED || avail / workers >= MIN_LANE ? workers
                    : Math.max(1, (int) Math.floor(avail / MIN_LANE));
            double h = Math.max(4, Math.min(maxLane, avail / count));
            SpanTrack[] tracks = kind == TimelineFrame.LaneKind.OFF_CPU ? m.offCpuLanes(count) : m.workerLanes(count);
            double size = Math.max(h >= LEGIBLE_LANE ? 12 : 10, Math.min(14, h * 0.55));
            for (int i = 0; i < count; i++) {
                String name = m.workerName(i + 1);
                int sharing = (workers - i + count - 1) / count; // workers i+1, i+1+count, …
                String label = sharing > 1 ? name + " +" + (sharing - 1) : name;
                lanes.add(new TimelineFrame.Lane(kind, i, count, label, y, h, tracks[i]));
                labels.add(new Shape.Text(label, plotX - 8, y + h / 2 + size * 0.36, size, false, theme.text(),
                        Shape.Align.RIGHT));
                y += h;
            }
            lanesBottom = y;
        }

        /**
         * SMT groups from the machine when they cover every CPU once, otherwise one CPU per group; on a
         * hybrid processor the performance cores' groups come first, then the efficiency cores'.
         */
        static List<List<Integer>> groups(MachineInfo machine, int n) {
            List<List<Integer>> g = new ArrayList<>(smtOrSingletons(machine, n));
            g.sort((a, b) -> Boolean.compare(machine.classOf(a.get(0)) == CoreClass.EFFICIENCY,
                    machine.classOf(b.get(0)) == CoreClass.EFFICIENCY));
            return g;
        }

        private static List<List<Integer>> smtOrSingletons(MachineInfo machine, int n) {
            List<List<Integer>> g = machine.smtGroups();
            boolean[] seen = new boolean[n];
            int covered = 0;
            for (List<Integer> group : g) {
                for (int c : group) {
                    if (c < 0 || c >= n || seen[c]) {
                        return singletons(n);
                    }
                    seen[c] = true;
                    covered++;
                }
            }
            return covered == n ? g : singletons(n);
        }

        static List<List<Integer>> singletons(int n) {
            List<List<Integer>> g = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                g.add(List.of(i));
            }
            return g;
        }

        // ---- background: load, grid --------------------------------------------------------------------

        private double x(long t) {
            return plotX + (double) (t - v.startNanos()) * plotW / v.spanNanos();
        }

        private long timeAt(double px) {
            return v.startNanos() + (long) ((px - plotX) / plotW * v.spanNanos());
        }

        private void loadStrips() {
            if (v.mode() != LaneMode.CORES) {
                return;
            }
            List<LoadSeries.Sample> samples = m.loads().snapshot();
            long prev = 0;
            for (LoadSeries.Sample s : samples) {
                long from = prev;
                prev = s.nanos();
                if (s.nanos() < v.startNanos() || from > v.endNanos()) {
                    continue;
                }
                double x0 = Math.max(plotX, x(from));
                double x1 = Math.min(plotX + plotW, x(s.nanos()));
                if (x1 <= x0) {
                    continue;
                }
                for (TimelineFrame.Lane lane : lanes) {
                    if (lane.kind() == TimelineFrame.LaneKind.CORE && lane.index() < s.loads().length) {
                        double h = Math.min(1, Math.max(0, s.loads()[lane.index()])) * lane.h();
                        if (h >= 0.5) {
                            shapes.add(new Shape.Box(x0, lane.y() + lane.h() - h, x1 - x0, h, theme.load(), null,
                                    false, null, null));
                        }
                    }
                }
            }
        }

        private void grid() {
            double spanS = v.spanNanos() / 1e9;
            double step = AxisTicks.step(spanS, plotW, 90);
            double t0 = v.startNanos() / 1e9;
            double first = Math.ceil(t0 / step - 1e-9) * step;
            for (double t = first; t <= t0 + spanS + 1e-12; t += step) {
                double x = x(Math.round(t * 1e9));
                shapes.add(new Shape.Line(x, top - 4, x, lanesBottom, theme.grid(), 1));
                shapes.add(new Shape.Text(AxisTicks.label(Math.abs(t) < step / 1e6 ? 0 : t, step), x, top - 9, 12,
                        false, theme.muted(), Shape.Align.CENTER));
            }
        }

        // ---- bars --------------------------------------------------------------------------------------

        private void bars() {
            List<List<Span>> openByLane = openByLane();
            for (int i = 0; i < lanes.size(); i++) {
                TimelineFrame.Lane lane = lanes.get(i);
                Merger merger = new Merger(lane);
                SpanTrack t = lane.track();
                if (t != null) {
                    long t0 = v.startNanos();
                    long t1 = v.endNanos();
                    int k = t.firstEndingAtOrAfter(t0);
                    while (k < t.size() && t.start(k) <= t1) {
                        Span s = t.get(k);
                        if (s.endNanos() >= t0) {
                            merger.add(s, s.endNanos());
                        }
                        k = merger.skipDense(t, k + 1);
                    }
                }
                List<Span> open = openByLane.get(i);
                if (open != null) {
                    open.sort(Comparator.comparingLong(Span::startNanos));
                    for (Span s : open) {
                        if (s.startNanos() <= v.endNanos() && openEnd >= v.startNanos()) {
                            merger.add(s, Math.max(s.startNanos(), openEnd));
                        }
                    }
                }
                merger.flush();
            }
        }

        /** Open spans sorted into the lanes that draw them (one pass over them all). */
        private List<List<Span>> openByLane() {
            List<List<Span>> out = new ArrayList<>(java.util.Collections.nCopies(lanes.size(), null));
            if (m.openSpans().isEmpty() || lanes.isEmpty()) {
                return out;
            }
            int coreBase = -1;
            int offBase = -1;
            for (int i = 0; i < lanes.size(); i++) {
                TimelineFrame.LaneKind k = lanes.get(i).kind();
                if (k == TimelineFrame.LaneKind.CORE && coreBase < 0) {
                    coreBase = i;
                }
                if (k != TimelineFrame.LaneKind.CORE && offBase < 0) {
                    offBase = i;
                }
            }
            for (Span s : m.openSpans()) {
                int idx = -1;
                if (v.mode() == LaneMode.CORES && s.state() == SpanState.RUNNING) {
                    // core lanes are in group order, not index order: find the lane of that core
                    for (int i = coreBase; s.hasCore() && i >= 0 && i < lanes.size(); i++) {
                        if (lanes.get(i).kind() == TimelineFrame.LaneKind.CORE && lanes.get(i).index() == s.core()) {
                            idx = i;
                            break;
                        }
                    }
                } else if (offBase >= 0) {
                    idx = offBase + (m.ordinal(s.worker()) - 1) % lanes.get(offBase).laneCount();
                }
                if (idx >= 0) {
                    List<Span> l = out.get(idx);
                    if (l == null) {
                        l = new ArrayList<>();
                        out.set(idx, l);
                    }
                    l.add(s);
                }
            }
            return out;
        }

        /** Accumulates the bars of one lane, merging those that would overlap within a pixel. */
        private final class Merger {
            private final TimelineFrame.Lane lane;
            private final double y;
            private final double h;
            private boolean pending;
            private double x0;
            private double x1;
            private Rgb color;
            private String label;
            private boolean mixed;
            /** Gaps narrower than this close up: half a pixel, more in lanes too thin to show a gap. */
            private final double gapTolerance;

            Merger(TimelineFrame.Lane lane) {
                this.lane = lane;
                this.gapTolerance = lane.h() < 4 ? 1.5 : 0.5;
                double inset = lane.h() >= 10 ? 2 : lane.h() >= 4 ? 0.5 : 0;
                this.y = lane.y() + inset;
                this.h = lane.h() - 2 * inset;
            }

            void add(Span s, long end) {
                double a = Math.max(plotX, x(s.startNanos()));
                double b = Math.min(plotX + plotW, x(end));
                if (b < a) {
                    return;
                }
                Rgb c = colorOf(s);
                if (pending && a <= x1 + gapTolerance && (c.equals(color) || b - a < 1 || x1 - x0 < 1)) {
                    x1 = Math.max(x1, b);
                    String l = labelOf(s);
                    mixed |= !c.equals(color) || !java.util.Objects.equals(l, label);
                    return;
                }
                flush();
                pending = true;
                x0 = a;
                x1 = b;
                color = c;
                label = labelOf(s);
                mixed = false;
            }

            /**
             * Level of detail: spans that start and end within the pixel after the pending box would only
             * merge into it one by one; jump over all of them at once (binary search), so a lane costs what
             * its pixels cost, not what its spans cost. Only when nothing earlier ends further (the prefix
             * maximum says so), so a long span is never skipped.
             */
            int skipDense(SpanTrack t, int k) {
                if (!pending || k >= t.size()) {
                    return k;
                }
                long edge = timeAt(x1 + 1);
                if (t.start(k) >= edge) {
                    return k;
                }
                // The last span starting before the edge usually ends past it: leave it to the normal path.
                int j = t.firstStartingAtOrAfter(edge, k) - 1;
                if (j - k < 2 || t.maxEndUpTo(j - 1) > edge) {
                    return k;
                }
                x1 = Math.max(x1, Math.min(plotX + plotW, x(t.maxEndUpTo(j - 1))));
                mixed = true;
                return j;
            }

            void flush() {
                if (!pending) {
                    return;
                }
                pending = false;
                double w = Math.max(1, x1 - x0);
                String text = null;
                if (!mixed && label != null && h >= 12) {
                    double size = TimelinePainter.labelSize(h);
                    if (w >= textWidth(label, size) + 6) {
                        text = label;
                    }
                }
                if (!mixed && color.equals(Palette.state(SpanState.UNCERTAIN))) {
                    // Claimed by no task: a thin band across the middle of the lane, not a bar.
                    double band = Math.max(1, h / 5);
                    shapes.add(new Shape.Box(x0, y + (h - band) / 2, w, band, color, null, false, null, null));
                } else if (m.processBased()) {
                    shapes.add(new Shape.Box(x0, y, w, h, color.withAlpha(0.25), color, w >= 6, text, theme.text()));
                } else {
                    shapes.add(new Shape.Box(x0, y, w, h, color, null, false, text, Palette.textOn(color)));
                }
            }

            private Rgb colorOf(Span s) {
                if (s.state() == SpanState.UNCERTAIN) {
                    return Palette.state(SpanState.UNCERTAIN);
                }
                return lane.kind() == TimelineFrame.LaneKind.CORE ? Palette.task(s.task()) : Palette.state(s.state());
            }

            private String labelOf(Span s) {
                if (s.state() == SpanState.UNCERTAIN) {
                    return null;
                }
                if (lane.kind() == TimelineFrame.LaneKind.WORKER) {
                    return s.task() == Span.NO_TASK ? Palette.stateLabel(s.state()) : "#" + s.task();
                }
                return taskLabel(s);
            }
        }

        // ---- overlays ----------------------------------------------------------------------------------

        private void nowLine() {
            if (v.nowNanos() >= 0 && v.nowNanos() >= v.startNanos() && v.nowNanos() <= v.endNanos()) {
                double x = x(v.nowNanos());
                shapes.add(new Shape.Line(x, top - 6, x, lanesBottom, theme.now(), 2));
            }
        }

        /**
         * Two rows. Per core: the key from colour to task (each task named beside its colour, as many as fit,
         * then "+k more"), then the states. Per worker: the states, then thread / process.
         */
        private void legend() {
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
            }
            if (cores && m.loads().size() > 0) {
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

        /** "running:" then a swatch and a name per task until {@code budget} px are used, then "+k more". */
        private double taskKey(double x, double y, double size, double budget) {
            String head = "running:";
            shapes.add(new Shape.Text(head, x, y, size, false, theme.text(), Shape.Align.LEFT));
            double end = x + budget;
            x += textWidth(head, size) + 8;
            List<String> names = taskNames();
            for (int i = 0; i < names.size(); i++) {
                String more = "+" + (names.size() - i) + " more";
                double need = 17 + textWidth(names.get(i), size) + 10;
                double reserve = i == names.size() - 1 ? 0 : textWidth(more, size) + 4;
                if (x + need + reserve > end) {
                    shapes.add(new Shape.Text(more, x, y, size, false, theme.muted(), Shape.Align.LEFT));
                    return x + textWidth(more, size) + 14;
                }
                shapes.add(new Shape.Box(x, y - 11, 13, 13, Palette.task(i + 1), null, false, null, null));
                shapes.add(new Shape.Text(names.get(i), x + 17, y, size, false, theme.text(), Shape.Align.LEFT));
                x += need;
            }
            return x + 4;
        }

        /**
         * Each task's name as its bars are labelled (T3, main #2, W1 #5), by task id; tasks not seen yet (a live
         * run, or beyond the first spans read) are named "#id".
         */
        private List<String> taskNames() {
            int n = m.spec() != null ? m.spec().tasks() : 0;
            String[] names = new String[n];
            int found = 0;
            List<Span> spans = m.spans();
            for (int i = 0; i < spans.size() && i < 20_000 && found < n; i++) {
                Span s = spans.get(i);
                if (s.task() >= 1 && s.task() <= n && names[s.task() - 1] == null) {
                    names[s.task() - 1] = taskLabel(s);
                    found++;
                }
            }
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(names[i] != null ? names[i] : "#" + (i + 1));
            }
            return out;
        }

        private double swatch(double x, double y, double size, Rgb c, boolean process, String text) {
            if (x + 19 + textWidth(text, size) > v.width()) {
                return x;
            }
            shapes.add(process ? new Shape.Box(x, y - 11, 14, 13, c.withAlpha(0.25), c, true, null, null)
                    : new Shape.Box(x, y - 11, 14, 13, c, null, false, null, null));
            shapes.add(new Shape.Text(text, x + 19, y, size, false, theme.text(), Shape.Align.LEFT));
            return x + 19 + textWidth(text, size) + 14;
        }

        private void message() {
            String text = m.message();
            if (v.mode() == LaneMode.CORES && m.coreUnknown()) {
                text = "The CPU of each task could not be read on this machine: switch to the per-worker view.";
            }
            if (text == null || text.isBlank()) {
                return;
            }
            double size = 16;
            double w = Math.min(plotW - 20, textWidth(text, size) + 32);
            double cx = plotX + plotW / 2;
            double cy = top + (lanesBottom - top) / 2;
            shapes.add(new Shape.Box(cx - w / 2, cy - 20, w, 36, theme.background().withAlpha(0.92), theme.warning(),
                    false, null, null));
            shapes.add(new Shape.Text(text, cx, cy + 4, size, true, theme.warning(), Shape.Align.CENTER));
        }
    }

    /** Width of {@code text} in a sans-serif font, estimated (SVG has no font metrics; labels only need fit). */
    public static double textWidth(String text, double size) {
        return text.length() * size * 0.55;
    }

    /**
     * A bar's name on a CPU or off-CPU lane: its worker when the worker runs just this task (T3, V12, P2), else
     * worker and task ("main #2", "W1 #5"), so the tasks of a sequential run or a pool stay apart.
     */
    static String taskLabel(Span s) {
        String w = s.worker();
        if (s.task() == Span.NO_TASK || (w.length() > 1 && w.substring(1).equals(Integer.toString(s.task())))) {
            return w;
        }
        return w + " #" + s.task();
    }
}
