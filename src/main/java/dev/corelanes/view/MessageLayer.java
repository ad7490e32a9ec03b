package dev.corelanes.view;

import java.util.List;

/** A message over the lanes (a placeholder, a run that failed, a per-core view this machine cannot show). */
final class MessageLayer {

    private MessageLayer() {
    }

    static void add(PlotArea p, LaidLanes laid, List<Shape> out) {
        String text = p.model().message();
        if (p.viewport().mode() == LaneMode.CORES && p.model().coreUnknown()) {
            text = "The CPU of each task could not be read on this machine: switch to the per-worker view.";
        }
        if (text == null || text.isBlank()) {
            return;
        }
        TimelineTheme theme = p.theme();
        double size = 16;
        double w = Math.min(p.plotW() - 20, LayoutSizes.textWidth(text, size) + 32);
        double cx = p.plotX() + p.plotW() / 2;
        double cy = p.top() + (laid.bottom() - p.top()) / 2;
        out.add(new Shape.Box(cx - w / 2, cy - 20, w, 36, theme.background().withAlpha(0.92), theme.warning(),
                false, null, null));
        out.add(new Shape.Text(text, cx, cy + 4, size, true, theme.warning(), Shape.Align.CENTER));
    }
}
