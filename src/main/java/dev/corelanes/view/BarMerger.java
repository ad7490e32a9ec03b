package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;

import java.util.List;
import java.util.Objects;

/**
 * Accumulates the bars of one lane, merging consecutive bars that would overlap within a pixel into one box,
 * so a lane costs what its pixels cost, not what its spans cost. A merged box of several tasks carries no
 * label (it would name only one of them).
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
    private boolean mixed;
    /** Gaps narrower than this close up: half a pixel, more in lanes too thin to show a gap. */
    private final double gapTolerance;

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
        if (pending && a <= x1 + gapTolerance && (c.equals(color) || b - a < 1 || x1 - x0 < 1)) {
            x1 = Math.max(x1, b);
            String l = labelOf(s);
            mixed |= !c.equals(color) || !Objects.equals(l, label);
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
        String text = null;
        if (!mixed && label != null && h >= 12) {
            double size = TimelinePainter.labelSize(h);
            if (w >= TimelineLayout.textWidth(label, size) + 6) {
                text = label;
            }
        }
        if (!mixed && color.equals(Palette.state(SpanState.UNCERTAIN))) {
            // Claimed by no task: a thin band across the middle of the lane, not a bar.
            double band = Math.max(1, h / 5);
            out.add(new Shape.Box(x0, y + (h - band) / 2, w, band, color, null, false, null, null));
        } else if (p.model().processBased()) {
            out.add(new Shape.Box(x0, y, w, h, color.withAlpha(0.25), color, w >= 6, text, p.theme().text()));
        } else {
            out.add(new Shape.Box(x0, y, w, h, color, null, false, text, Palette.textOn(color)));
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
        return TimelineLayout.taskLabel(s);
    }
}
