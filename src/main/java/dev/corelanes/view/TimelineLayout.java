package dev.corelanes.view;

import dev.corelanes.engine.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link TimelineModel} and a {@link Viewport} into a {@link TimelineFrame}: lanes, bars, axis,
 * legend, now line, all in pixels. The only place that decides what the timeline looks like; surfaces
 * just draw the result.
 *
 * <p>The work is done by one layer a file: {@link LaneLayout} places the lanes, {@link AxisLayer} the time axis,
 * {@link BarLayer} the bars (merged per lane by {@link BarMerger}), {@link LegendLayer} the key, and
 * {@link LoadLayer}, {@link NowLineLayer} and {@link MessageLayer} what lies behind or over them. Cost follows
 * what is visible: each lane is entered by binary search at the left edge and left at the right edge, and
 * consecutive bars that would overlap within a pixel merge into one box.
 */
public final class TimelineLayout {

    public static final double AXIS_HEIGHT = LayoutSizes.AXIS_HEIGHT;
    public static final double LEGEND_HEIGHT = LayoutSizes.LEGEND_HEIGHT;
    public static final double GUTTER = LayoutSizes.GUTTER;
    private static final double GROUP_GAP = LayoutSizes.GROUP_GAP;
    private static final double OFF_HEADER = LayoutSizes.OFF_HEADER;
    /** The least height of a lane whose label and bars a class can read (the window keeps this, scrolling). */
    public static final double LEGIBLE_LANE = LayoutSizes.LEGIBLE_LANE;
    /** Up to this many workers each keep their own off-CPU or worker lane; more are packed into shared lanes. */
    public static final int MAX_UNMERGED = LayoutSizes.MAX_UNMERGED;

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
        return build(m, v, legend);
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
            int groups = LaneLayout.groups(m.machine(), n).size();
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

    /**
     * One layout pass, layer by layer, bottom to top: lane stripes, machine load, axis and grid, bars, lane
     * labels, the now line, the legend, a message. Each layer is a file of its own and adds its shapes.
     */
    private static TimelineFrame build(TimelineModel m, Viewport v, boolean withLegend) {
        PlotArea p = PlotArea.of(m, v, withLegend);
        List<Shape> shapes = new ArrayList<>();
        List<Shape> labels = new ArrayList<>();
        LaidLanes laid = LaneLayout.place(p, labels);
        stripes(p, laid, shapes);
        LoadLayer.add(p, laid, shapes);
        AxisLayer.add(p, laid, shapes);
        BarLayer.add(p, laid, shapes);
        shapes.addAll(labels);
        NowLineLayer.add(p, laid, shapes);
        if (withLegend) {
            LegendLayer.add(p, shapes);
        }
        MessageLayer.add(p, laid, shapes);
        return new TimelineFrame(v.width(), v.height(), p.theme().background(), shapes, laid.lanes(), p.plotX(),
                p.plotW(), v, p.openEnd());
    }

    /** The lanes' alternating stripes, the bottom layer. */
    static void stripes(PlotArea p, LaidLanes laid, List<Shape> shapes) {
        for (TimelineFrame.Lane lane : laid.lanes()) {
            shapes.add(new Shape.Box(p.plotX(), lane.y(), p.plotW(), lane.h(),
                    (lane.index() % 2 == 0) ? p.theme().lane() : p.theme().laneAlt(), null, false, null, null));
        }
    }

    /** Width of {@code text} in a sans-serif font, estimated (SVG has no font metrics; labels only need fit). */
    public static double textWidth(String text, double size) {
        return LayoutSizes.textWidth(text, size);
    }

    /** A bar's name on a CPU or off-CPU lane (see {@link LayoutSizes#taskLabel}). */
    static String taskLabel(Span s) {
        return LayoutSizes.taskLabel(s);
    }
}
