package dev.corelanes.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A live run's timeline laid out in two layers, so the window draws per frame only what changes: the
 * {@linkplain #still() still layer} (lane stripes, the machine's load so far, axis and grid, the finished bars,
 * labels, legend, message), laid out once and kept while nothing in it changes, and the {@linkplain #edge
 * growing edge} (the bars of the spans still open, drawn up to now, the newest load strips and the now line),
 * laid out each frame from the lanes placed for the still layer. Spans that finish meanwhile are drawn on the
 * edge too, until the window lays the still layer out again with them ({@link #recentSpans}).
 *
 * <p>The shapes are the layers' own ({@link TimelineLayout}'s), only split: a finished run and every export
 * are laid out in one pass as before, and a live frame is the same picture up to where an open bar meets a
 * finished one (drawn as two boxes rather than one).
 */
public final class LiveLayers {

    private final PlotArea plot;
    private final LaidLanes laid;
    private final TimelineFrame still;
    private final int loadSamples;
    private final int spans;

    private LiveLayers(PlotArea plot, LaidLanes laid, TimelineFrame still, int loadSamples, int spans) {
        this.plot = plot;
        this.laid = laid;
        this.still = still;
        this.loadSamples = loadSamples;
        this.spans = spans;
    }

    /**
     * Lays out the still layer of {@code m} in {@code v} (with the key), and what {@code marks} add over it,
     * placed on that layer itself (the ideal's dashed line needs its lanes: no second layout for them).
     */
    public static LiveLayers of(TimelineModel m, Viewport v,
                                java.util.function.Function<TimelineFrame, List<Shape>> marks) {
        PlotArea p = PlotArea.of(m, v, true);
        int loads = m.loads().size();
        int finished = m.size();
        List<Shape> shapes = new ArrayList<>();
        List<Shape> labels = new ArrayList<>();
        LaidLanes laid = LaneLayout.place(p, labels);
        TimelineLayout.stripes(p, laid, shapes);
        LoadLayer.add(p, laid, shapes, 0, loads);
        AxisLayer.add(p, laid, shapes);
        BarLayer.add(p, laid, shapes, true, false);
        shapes.addAll(labels);
        LegendLayer.add(p, shapes);
        MessageLayer.add(p, laid, shapes);
        TimelineFrame f = new TimelineFrame(v.width(), v.height(), p.theme().background(), shapes, laid.lanes(),
                p.plotX(), p.plotW(), v, p.openEnd());
        List<Shape> over = marks.apply(f);
        return new LiveLayers(p, laid, over.isEmpty() ? f : f.plus(over), loads, finished);
    }

    /** What stays put: drawn once on its own layer. */
    public TimelineFrame still() {
        return still;
    }

    /** The load samples the still layer holds; the newer ones are drawn on the edge. */
    public int loadSamples() {
        return loadSamples;
    }

    /** Spans finished since the still layer was laid out (drawn on the edge until it is laid out again). */
    public int recentSpans() {
        return plot.model().size() - spans;
    }

    /**
     * The shapes that move at {@code nowNanos}: the newest load strips, the spans finished since the still layer
     * was laid out, the open bars up to now, the now line.
     */
    public List<Shape> edge(long nowNanos) {
        PlotArea p = at(nowNanos);
        List<Shape> out = new ArrayList<>();
        LoadLayer.add(p, laid, out, loadSamples, Integer.MAX_VALUE);
        List<dev.corelanes.engine.Span> all = plot.model().spans();
        BarLayer.addRecent(p, laid, out, all.subList(Math.min(spans, all.size()), all.size()));
        BarLayer.add(p, laid, out, false, true);
        NowLineLayer.add(p, laid, out);
        return out;
    }

    /** The whole picture at {@code nowNanos}, still layer and {@code edge} (what is on screen: hover, tests). */
    public TimelineFrame frame(long nowNanos, List<Shape> edge) {
        Viewport v = at(nowNanos).viewport();
        return new TimelineFrame(still.width(), still.height(), still.background(), concat(still.shapes(), edge),
                still.lanes(), still.plotX(), still.plotWidth(), v, at(nowNanos).openEnd());
    }

    private PlotArea at(long nowNanos) {
        Viewport v = plot.viewport();
        Viewport now = new Viewport(v.startNanos(), v.endNanos(), v.width(), v.height(), v.mode(), nowNanos,
                v.theme());
        return new PlotArea(plot.model(), now, plot.theme(), plot.plotX(), plot.plotW(), plot.top(), plot.bottom(),
                nowNanos >= 0 ? nowNanos : plot.model().lastNanos());
    }

    private static List<Shape> concat(List<Shape> a, List<Shape> b) {
        List<Shape> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
