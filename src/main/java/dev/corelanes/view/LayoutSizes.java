package dev.corelanes.view;

import dev.corelanes.engine.Span;

/**
 * The sizes and words every layer of the timeline layout shares: the axis, gutter and legend, legible lane
 * heights, how wide a text is, and how a bar names its task. At the bottom of the layout, so the layers and
 * {@link TimelineLayout}, which composes them, both depend on it and not on each other.
 */
final class LayoutSizes {

    static final double AXIS_HEIGHT = 26;
    static final double LEGEND_HEIGHT = 50; // two rows (see LegendLayer)
    static final double GUTTER = 84;
    static final double RIGHT_MARGIN = 12;
    static final double GROUP_GAP = 5;
    static final double OFF_HEADER = 22;
    /** The least height of a lane whose label and bars a class can read (the window keeps this, scrolling). */
    static final double LEGIBLE_LANE = 18;
    /** Up to this many workers each keep their own off-CPU or worker lane; more are packed into shared lanes. */
    static final int MAX_UNMERGED = 16;

    private LayoutSizes() {
    }

    /** Width of {@code text} in a sans-serif font, estimated (SVG has no font metrics; labels only need fit). */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.55;
    }

    /** As {@link #textWidth}, in bold: its strokes make DejaVu Sans Bold about a tenth wider. */
    static double boldTextWidth(String text, double size) {
        return textWidth(text, size) * 1.1;
    }

    /**
     * A lane's label cut to {@code width} (estimated): the name is shortened with "…" and a traced thread's id in
     * brackets is kept whole ("python3 [30042]" → "pyt… [30042]"), so a long OS name never runs off the left edge.
     */
    static String fitLabel(String label, double size, double width) {
        if (textWidth(label, size) <= width) {
            return label;
        }
        int b = label.lastIndexOf(" [");
        String tail = b > 0 && label.endsWith("]") ? label.substring(b) : "";
        String head = label.substring(0, label.length() - tail.length());
        while (head.length() > 1 && textWidth(head + "…" + tail, size) > width) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "…" + tail;
    }

    /**
     * A bar's name on a CPU or off-CPU lane: its worker when the worker runs just this task (T3, V12, P2), else
     * worker and task ("main #2", "W1 #5"), so the tasks of a sequential run or a pool stay apart.
     */
    static String taskLabel(Span s) {
        String w = s.worker();
        if (s.task() == Span.NO_TASK || (w.length() > 1 && w.substring(1).equals(Integer.toString(s.task())))) {
            return w;
        }
        return w + " #" + s.task();
    }
}
