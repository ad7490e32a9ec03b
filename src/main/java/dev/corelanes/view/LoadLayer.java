package dev.corelanes.view;

import java.util.List;

/** The machine's load behind each CPU lane: a strip as tall as the share of that CPU other programs used. */
final class LoadLayer {

    private LoadLayer() {
    }

    static void add(PlotArea p, LaidLanes laid, List<Shape> out) {
        add(p, laid, out, 0, Integer.MAX_VALUE);
    }

    /**
     * The strips of samples {@code from} (inclusive) to {@code to} (exclusive): a live window keeps the ones it
     * has drawn and adds the newest on its growing edge.
     */
    static void add(PlotArea p, LaidLanes laid, List<Shape> out, int fromSample, int toSample) {
        if (p.viewport().mode() != LaneMode.CORES) {
            return;
        }
        Viewport v = p.viewport();
        List<LoadSeries.Sample> samples = p.model().loads().snapshot();
        long prev = 0;
        int end = Math.min(toSample, samples.size());
        for (int i = 0; i < end; i++) {
            LoadSeries.Sample s = samples.get(i);
            long from = prev;
            prev = s.nanos();
            if (i < fromSample) {
                continue;
            }
            if (s.nanos() < v.startNanos() || from > v.endNanos()) {
                continue;
            }
            double x0 = Math.max(p.plotX(), p.x(from));
            double x1 = Math.min(p.plotX() + p.plotW(), p.x(s.nanos()));
            if (x1 <= x0) {
                continue;
            }
            for (TimelineFrame.Lane lane : laid.lanes()) {
                if (lane.kind() == TimelineFrame.LaneKind.CORE && lane.index() < s.loads().length) {
                    double h = Math.min(1, Math.max(0, s.loads()[lane.index()])) * lane.h();
                    if (h >= 0.5) {
                        out.add(new Shape.Box(x0, lane.y() + lane.h() - h, x1 - x0, h, p.theme().load(), null,
                                false, null, null));
                    }
                }
            }
        }
    }
}
