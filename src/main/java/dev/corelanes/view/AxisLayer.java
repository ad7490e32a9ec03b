package dev.corelanes.view;

import java.util.List;

/** The time axis: a tick label every round step ({@link AxisTicks}) and its grid line down to the last lane. */
final class AxisLayer {

    private AxisLayer() {
    }

    static void add(PlotArea p, LaidLanes laid, List<Shape> out) {
        Viewport v = p.viewport();
        double spanS = v.spanNanos() / 1e9;
        double step = AxisTicks.step(spanS, p.plotW(), 90);
        double t0 = v.startNanos() / 1e9;
        double first = Math.ceil(t0 / step - 1e-9) * step;
        for (double t = first; t <= t0 + spanS + 1e-12; t += step) {
            double x = p.x(Math.round(t * 1e9));
            out.add(new Shape.Line(x, p.top() - 4, x, laid.bottom(), p.theme().grid(), 1));
            out.add(new Shape.Text(AxisTicks.label(Math.abs(t) < step / 1e6 ? 0 : t, step), x, p.top() - 9, 12,
                    false, p.theme().muted(), Shape.Align.CENTER));
        }
    }
}
