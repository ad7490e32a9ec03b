package dev.corelanes.view;

/**
 * Where one layout pass draws: the model and viewport it lays out, the plot's left edge and width, the top
 * and bottom of the lanes' room, and where open spans end (now, or the run's last time). Every layer of
 * {@link TimelineLayout} maps time to pixels through this one place.
 */
record PlotArea(TimelineModel model, Viewport viewport, TimelineTheme theme, double plotX, double plotW,
                double top, double bottom, long openEnd) {

    /** The plot of {@code m} in {@code v}, leaving the legend's room below it when {@code legend} is true. */
    static PlotArea of(TimelineModel m, Viewport v, boolean legend) {
        double plotW = Math.max(10, v.width() - LayoutSizes.GUTTER - LayoutSizes.RIGHT_MARGIN);
        double bottom = v.height() - (legend ? LayoutSizes.LEGEND_HEIGHT : 4);
        long openEnd = v.nowNanos() >= 0 ? v.nowNanos() : m.lastNanos();
        return new PlotArea(m, v, v.theme(), LayoutSizes.GUTTER, plotW, LayoutSizes.AXIS_HEIGHT, bottom,
                openEnd);
    }

    /** Pixel x of run time {@code t} (ns). */
    double x(long t) {
        return plotX + (double) (t - viewport.startNanos()) * plotW / viewport.spanNanos();
    }

    /** Run time (ns) at pixel {@code px}. */
    long timeAt(double px) {
        return viewport.startNanos() + (long) ((px - plotX) / plotW * viewport.spanNanos());
    }
}
