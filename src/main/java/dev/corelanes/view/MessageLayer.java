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
        // Its box holds it: a message wider than the lanes (a projector's 1280×720 at twice the size) goes on two
        // lines, set smaller if it must, never run past its box or the frame.
        double room = p.plotW() - 20 - 32;
        List<String> lines = List.of(text);
        double size = fitSize(lines, room);
        if (size < 16) {
            List<String> two = halves(text);
            double twoSize = fitSize(two, room);
            if (two.size() == 2 && twoSize > size) {
                lines = two;
                size = twoSize;
            }
        }
        double widest = 0;
        for (String l : lines) {
            widest = Math.max(widest, LayoutSizes.boldTextWidth(l, size));
        }
        double w = Math.min(p.plotW() - 20, widest + 32);
        double lineH = size * 1.3;
        double h = 36 - 16 * 1.3 + lines.size() * lineH;
        double cx = p.plotX() + p.plotW() / 2;
        double cy = p.top() + (laid.bottom() - p.top()) / 2;
        double top = cy - h / 2 - 2;
        out.add(new Shape.Box(cx - w / 2, top, w, h, theme.background().withAlpha(0.92), theme.warning(),
                false, null, null));
        double base = top + (h - lines.size() * lineH) / 2 + size;
        for (int i = 0; i < lines.size(); i++) {
            out.add(new Shape.Text(lines.get(i), cx, base + i * lineH, size, true, theme.warning(),
                    Shape.Align.CENTER));
        }
    }

    /** The largest type, up to 16 and down to 10, at which every line fits {@code room}. */
    private static double fitSize(List<String> lines, double room) {
        double widest = 0;
        for (String l : lines) {
            widest = Math.max(widest, LayoutSizes.boldTextWidth(l, 16));
        }
        return widest <= room ? 16 : Math.max(10, 16 * room / widest);
    }

    /** {@code text} split at the space nearest its middle (itself alone when it has none). */
    private static List<String> halves(String text) {
        int mid = text.length() / 2;
        int best = -1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) {
                best = i;
            }
        }
        return best < 0 ? List.of(text) : List.of(text.substring(0, best), text.substring(best + 1));
    }
}
