package dev.corelanes.view;

import java.util.List;

/** The "now" line of a live run or a replay, from the axis to the last lane. */
final class NowLineLayer {

    private NowLineLayer() {
    }

    static void add(PlotArea p, LaidLanes laid, List<Shape> out) {
        Viewport v = p.viewport();
        if (v.nowNanos() >= 0 && v.nowNanos() >= v.startNanos() && v.nowNanos() <= v.endNanos()) {
            double x = p.x(v.nowNanos());
            out.add(new Shape.Line(x, p.top() - 6, x, laid.bottom(), p.theme().now(), 2));
        }
    }
}
