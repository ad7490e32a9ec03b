package dev.corelanes.view;

import dev.corelanes.engine.FigureText;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks laid over a timeline: the ideal wall time as a dashed line. Shared by the window and the slides so
 * both show the same mark (surfaces have no dashes: the dashes are short lines).
 */
public final class TimelineMarks {

    private static final double DASH = 6;
    private static final double GAP = 4;

    private TimelineMarks() {
    }

    /** A dashed line at {@code idealNanos} with the label "ideal 0.500 s"; nothing if it is out of view. */
    public static List<Shape> ideal(TimelineFrame frame, long idealNanos, TimelineTheme theme) {
        List<Shape> out = new ArrayList<>();
        if (idealNanos <= 0 || idealNanos < frame.viewport().startNanos() || idealNanos > frame.viewport().endNanos()) {
            return out;
        }
        double x = frame.xAt(idealNanos);
        double top = frame.lanesTop();
        double bottom = frame.lanesBottom();
        for (double y = top; y < bottom; y += DASH + GAP) {
            out.add(new Shape.Line(x, y, x, Math.min(bottom, y + DASH), theme.warning(), 2));
        }
        String label = "ideal " + FigureText.nanos(idealNanos);
        double size = 12;
        // Left of the line when there is no room on its right.
        boolean right = x + 6 + TimelineLayout.textWidth(label, size) < frame.plotX() + frame.plotWidth();
        double w = TimelineLayout.textWidth(label, size) + 6;
        double bx = right ? x + 3 : x - 3 - w;
        // A backing box keeps the label readable over bars of any colour.
        out.add(new Shape.Box(bx, top + 2, w, 15, theme.background().withAlpha(0.85), null, false, null, null));
        out.add(new Shape.Text(label, right ? x + 6 : x - 6, top + 14, size, true, theme.warning(),
                right ? Shape.Align.LEFT : Shape.Align.RIGHT));
        return out;
    }
}
