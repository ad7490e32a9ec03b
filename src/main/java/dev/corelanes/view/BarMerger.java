package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.WaitKind;

import java.util.List;
import java.util.Objects;

/**
 * Accumulates the bars of one lane, merging consecutive bars that would overlap within a pixel into one box,
 * so a lane costs what its pixels cost, not what its spans cost. A merged box of several tasks carries no
 * label (it would name only one of them). Bars of two tasks wide enough to be seen stay apart even when they
 * touch and share a colour (two sleeps in a row, both "sleeping"): each call of a sequential run is its own
 * labelled bar, a pixel apart.
 */
final class BarMerger {

    private final PlotArea p;
    private final TimelineFrame.Lane lane;
    private final List<Shape> out;
    private final double y;
    private final double h;
    private boolean pending;
    private double x0;
    private double x1;
    private Rgb color;
    private String label;
    /** What the pending box's sleep waited on (a traced thread's), NONE for every other bar. */
    private WaitKind wait = WaitKind.NONE;
    /** The task of the pending box (its spans' task while it is not mixed). */
    private int task;
    private boolean mixed;
    /** Gaps narrower than this close up: half a pixel, more in lanes too thin to show a gap. */
    private final double gapTolerance;
    /** Right edge and colour of the box last drawn (NaN / null before the first). */
    private double drawnEnd = Double.NaN;
    private Rgb drawnColor;

    BarMerger(PlotArea p, TimelineFrame.Lane lane, List<Shape> out) {
        this.p = p;
        this.lane = lane;
        this.out = out;
        this.gapTolerance = lane.h() < 4 ? 1.5 : 0.5;
        double inset = lane.h() >= 10 ? 2 : lane.h() >= 4 ? 0.5 : 0;
        this.y = lane.y() + inset;
        this.h = lane.h() - 2 * inset;
    }

    void add(Span s, long end) {
        double a = Math.max(p.plotX(), p.x(s.startNanos()));
        double b = Math.min(p.plotX() + p.plotW(), p.x(end));
        if (b < a) {
            return;
        }
        Rgb c = colorOf(s);
        String l = labelOf(s);
        WaitKind k = lane.kind() == TimelineFrame.LaneKind.CORE ? WaitKind.NONE : s.waitKind();
        boolean sameBar = c.equals(color) && Objects.equals(l, label) && k == wait;
        // Bars of one colour that overlap (packed lanes of many sleeping workers) still merge; ones that only
        // touch, one task after the other, do not.
        boolean overlaps = c.equals(color) && a < x1 - gapTolerance;
        if (pending && a <= x1 + gapTolerance && (sameBar || overlaps || b - a < 1 || x1 - x0 < 1)) {
            x1 = Math.max(x1, b);
            mixed |= !sameBar;
            return;
        }
        flush();
        if (c.equals(drawnColor) && a <= drawnEnd + gapTolerance && b - a >= 2) {
            a = drawnEnd + 1; // the same colour right after another task's bar: a pixel of lane between them
        }
        pending = true;
        x0 = a;
        x1 = b;
        color = c;
        label = l;
        wait = k;
        task = s.task();
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
        long edge = p.timeAt(x1 + 1);
        if (t.start(k) >= edge) {
            return k;
        }
        // The last span starting before the edge usually ends past it: leave it to the normal path.
        int j = t.firstStartingAtOrAfter(edge, k) - 1;
        if (j - k < 2 || t.maxEndUpTo(j - 1) > edge) {
            return k;
        }
        x1 = Math.max(x1, Math.min(p.plotX() + p.plotW(), p.x(t.maxEndUpTo(j - 1))));
        mixed = true;
        return j;
    }

    void flush() {
        if (!pending) {
            return;
        }
        pending = false;
        double w = Math.max(1, x1 - x0);
        drawnEnd = x0 + w;
        drawnColor = mixed ? null : color;
        String text = null;
        if (!mixed && label != null && h >= 12) {
            double size = TimelinePainter.labelSize(h);
            if (w >= LayoutSizes.textWidth(label, size) + 6) {
                text = label;
            }
        }
        if (!mixed && color.equals(Palette.state(SpanState.UNCERTAIN))) {
            // Claimed by no task: a thin band across the middle of the lane, not a bar.
            double band = Math.max(1, h / 5);
            out.add(new Shape.Box(x0, y + (h - band) / 2, w, band, color, null, false, null, null));
        } else if (p.model().processBased()) {
            // As solid as a thread's bar, so a process stands out as much on either theme; told apart by its
            // outline and hatching in the colour that reads on it.
            out.add(new Shape.Box(x0, y, w, h, color, Palette.textOn(color), w >= 6, text, Palette.textOn(color)));
        } else {
            out.add(new Shape.Box(x0, y, w, h, color, null, false, text, Palette.textOn(color)));
        }
        Rgb band = mixed ? null : Palette.waitBand(wait);
        if (band != null && h >= 6 && w >= 2) {
            // What the sleep waited on (lock, I/O, timer): a band near the bar's top (the task's colour is along its
            // lower edge), inside the bar's own colour so that it reads the same on either theme's background.
            out.add(waitBand(x0, y, w, h, band));
        }
        if (!mixed && task > 0 && lane.kind() == TimelineFrame.LaneKind.OFF_CPU && h >= 12 && w >= 2) {
            // Off the CPU a bar is coloured by its state; its lower edge carries its task's colour, so the task
            // key under the lanes finds every task, a sleep run's too (whose CPU lanes stay empty).
            double edge = Math.max(3, Math.round(h * 0.18));
            out.add(new Shape.Box(x0, y + h - edge, w, edge, Palette.task(task), null, false, null, null));
        }
    }

    /** A wait kind's band on a bar at {@code y}, {@code h} high (the legend's swatch draws the same). */
    static Shape.Box waitBand(double x, double y, double w, double h, Rgb band) {
        double inset = Math.max(1, Math.round(h * 0.08));
        return new Shape.Box(x, y + inset, w, Math.max(2, Math.round(h * 0.2)), band, null, false, null, null);
    }

    private Rgb colorOf(Span s) {
        if (s.state() == SpanState.UNCERTAIN) {
            return Palette.state(SpanState.UNCERTAIN);
        }
        return lane.kind() == TimelineFrame.LaneKind.CORE ? Palette.task(s.task()) : Palette.state(s.state());
    }

    /** A program traced from the OS: its lanes are its threads, whose long names the gutter may cut. */
    private boolean traced() {
        return p.model().spec() != null && p.model().spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED;
    }

    private String labelOf(Span s) {
        if (s.state() == SpanState.UNCERTAIN) {
            return null;
        }
        if (lane.kind() == TimelineFrame.LaneKind.WORKER) {
            if (traced()) {
                return s.worker(); // a traced thread is its own one task: its bar names it whole, as the OS does
            }
            return s.task() == Span.NO_TASK ? Palette.stateLabel(s.state()) : "#" + s.task();
        }
        return LayoutSizes.taskLabel(s);
    }
}
