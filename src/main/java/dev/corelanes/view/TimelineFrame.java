package dev.corelanes.view;

import dev.corelanes.engine.Span;

import java.util.List;

/**
 * A laid-out timeline: the shapes to draw, and enough geometry to map a pointer back to time and to the
 * span under it (for tooltips, zoom and pan).
 */
public record TimelineFrame(double width, double height, Rgb background, List<Shape> shapes, List<Lane> lanes,
                            double plotX, double plotWidth, Viewport viewport, long openEndNanos) {

    /** What a lane shows. */
    public enum LaneKind { CORE, OFF_CPU, WORKER }

    /**
     * One lane: where it is, what it is called, and which spans it draws ({@code index} is the core for
     * core lanes, the packed lane number otherwise, of {@code laneCount} such lanes).
     */
    public record Lane(LaneKind kind, int index, int laneCount, String label, double y, double h,
                       SpanTrack track) {
        boolean holds(Span s, TimelineModel m) {
            return switch (kind) {
                case CORE -> s.state() == dev.corelanes.engine.SpanState.RUNNING && s.core() == index;
                case OFF_CPU -> TimelineModel.isOffCpu(s) && (m.ordinal(s.worker()) - 1) % laneCount == index;
                case WORKER -> (m.ordinal(s.worker()) - 1) % laneCount == index;
            };
        }
    }

    /** This frame with {@code more} shapes drawn on top (marks, overlays). */
    public TimelineFrame plus(List<Shape> more) {
        List<Shape> all = new java.util.ArrayList<>(shapes.size() + more.size());
        all.addAll(shapes);
        all.addAll(more);
        return new TimelineFrame(width, height, background, all, lanes, plotX, plotWidth, viewport, openEndNanos);
    }

    /** Top of the first lane and bottom of the last (the axis area when there are none). */
    public double lanesTop() {
        return lanes.isEmpty() ? LayoutSizes.AXIS_HEIGHT : lanes.get(0).y();
    }

    public double lanesBottom() {
        return lanes.isEmpty() ? height - LayoutSizes.LEGEND_HEIGHT
                : lanes.get(lanes.size() - 1).y() + lanes.get(lanes.size() - 1).h();
    }

    /** Run time (ns) at pixel {@code x}. */
    public long timeAt(double x) {
        return viewport.startNanos() + Math.round((x - plotX) / plotWidth * viewport.spanNanos());
    }

    public double xAt(long t) {
        return plotX + (double) (t - viewport.startNanos()) * plotWidth / viewport.spanNanos();
    }

    /** True when {@code x} lies over the time axis area where spans are drawn. */
    public boolean inPlot(double x) {
        return x >= plotX && x <= plotX + plotWidth;
    }

    public Lane laneAt(double y) {
        for (Lane l : lanes) {
            if (y >= l.y() && y < l.y() + l.h()) {
                return l;
            }
        }
        return null;
    }

    /**
     * The span under the pointer (within 3 pixels), finished or still open (then ending at now), or null.
     */
    public Span hit(double x, double y, TimelineModel model) {
        Lane lane = laneAt(y);
        if (lane == null || !inPlot(x)) {
            return null;
        }
        long t = timeAt(x);
        long tolerance = Math.max(1, Math.round(3 * viewport.spanNanos() / plotWidth));
        Span found = lane.track() == null ? null : lane.track().find(t, tolerance);
        if (found != null) {
            return found;
        }
        for (Span s : model.openSpans()) {
            if (lane.holds(s, model) && s.startNanos() - tolerance <= t && t <= openEndNanos + tolerance) {
                return new Span(s.task(), s.worker(), s.core(), s.state(), s.startNanos(),
                        Math.max(s.startNanos(), openEndNanos), s.waitKind());
            }
        }
        return null;
    }
}
