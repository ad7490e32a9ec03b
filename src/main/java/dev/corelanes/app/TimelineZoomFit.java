package dev.corelanes.app;

import dev.corelanes.view.Shape;
import dev.corelanes.view.TimelineFrame;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Draws the timeline as large as asked (twice its size on a projector) but never so large that a line of it
 * runs off its right edge: the layout places the comparison's run lines and the legend by estimated text
 * widths in the room it is given, and at twice the size a 1280×720 projector gives it half the room, so the
 * speedup at the end of a run line and the legend's last keys were cut. After each pulse that drew a new
 * frame, the real width of every text is measured (the canvas's own font) and, where one overflows, the zoom
 * is lowered just enough, never below {@code floor} — once a live run or replay holds still, not every frame of it. A new aim (presenter mode, type size, the timeline's
 * width, other runs shown) starts again from the asked size. With nothing to give (the zoom at its floor, as
 * outside presenter mode) no text is measured: a live run's frames cost nothing more.
 */
final class TimelineZoomFit {

    private final TimelinePane timeline;
    private double target = 1;
    private double floor = 1;
    private TimelineFrame checked;
    /**
     * The timeline's width when the fit last lowered the zoom (NaN: not lowered since the last aim). Lowering it
     * makes the timeline shorter, which can put away the centre's vertical scroll bar and so widen the timeline
     * by the bar's width: re-aimed at that, the asked size brought the bar back, was lowered again, and so on
     * every pulse (measured: after a presenter-mode run at 1920×1080, 1177 ↔ 1185 px, the whole timeline
     * repainted 60 times a second for as long as the window stayed idle). Only more room than that re-aims.
     */
    private double loweredAtWidth = Double.NaN;
    /** More than a vertical scroll bar's width (8 px here, larger with presenter mode's type). */
    static final double SCROLL_BAR_ROOM = 40;

    TimelineZoomFit(TimelinePane timeline) {
        this.timeline = timeline;
        timeline.widthProperty().addListener((o, was, now) -> {
            boolean grew = now.doubleValue() > was.doubleValue() + 0.5;
            if (grew && !(now.doubleValue() <= loweredAtWidth + SCROLL_BAR_ROOM)) {
                reaim(); // more room: the asked size may fit now
            }
        });
        timeline.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                watch(now);
            }
        });
        if (timeline.getScene() != null) {
            watch(timeline.getScene());
        }
    }

    private void watch(Scene scene) {
        // After layout, in the pulse the timeline drew in: no timer of our own, no extra pulses.
        scene.addPostLayoutPulseListener(this::check);
    }

    /** The zoom asked for, and the least it may shrink to so that nothing is cut. */
    void aim(double asked, double least) {
        target = asked;
        floor = Math.min(least, asked);
        reaim();
    }

    /** Starts again from the asked size (other runs shown: they may need less room). */
    void reaim() {
        checked = null;
        loweredAtWidth = Double.NaN;
        timeline.zoomProperty().set(target);
    }

    private void check() {
        TimelineFrame f = timeline.frame();
        if (f == null || f == checked) {
            return;
        }
        if (timeline.liveProperty().get()) {
            // A live run (or replay) draws a new frame every pulse, on the FX thread beside the tasks it measures:
            // its texts are measured once it holds still (the first frame after it ends is not yet "checked").
            return;
        }
        checked = f;
        double z = timeline.zoomProperty().get();
        if (z <= floor + 1e-3) {
            return; // nothing to give (outside presenter mode the zoom is the type's): no text measured
        }
        // Texts scale with the zoom while the room shrinks by it: z × width / reach makes a line fit. A line
        // that would not fit even at the floor (a failed task's long message across the lanes) is the
        // layout's to shorten: shrinking everything else for it would help no one.
        double fits = z;
        Text probe = new Text();
        for (Shape s : f.shapes()) {
            if (s instanceof Shape.Text t && t.text() != null && !t.text().isEmpty()) {
                double reach = reach(probe, t, f.width());
                if (reach > f.width() + 0.5) {
                    double zoom = z * f.width() / reach * 0.98;
                    if (zoom >= floor) {
                        fits = Math.min(fits, zoom);
                    }
                }
            }
        }
        if (fits < z - 1e-3) {
            loweredAtWidth = timeline.getWidth();
            timeline.zoomProperty().set(fits);
        }
    }

    /** How far right {@code t} reaches (a text starting left of the frame counts as reaching past its right). */
    private static double reach(Text probe, Shape.Text t, double frameWidth) {
        double w = width(probe, t);
        double end = switch (t.align()) {
            case LEFT -> t.x() + w;
            case CENTER -> t.x() + w / 2;
            case RIGHT -> t.x();
        };
        double start = switch (t.align()) {
            case LEFT -> t.x();
            case CENTER -> t.x() - w / 2;
            case RIGHT -> t.x() - w;
        };
        return Math.max(end, frameWidth - start);
    }

    /**
     * How far right the frame's texts reach, measured in the font the canvas draws them with (a text starting
     * left of the frame counts as reaching that much past its right edge): more than the frame's width is cut.
     */
    static double widest(TimelineFrame f) {
        Text probe = new Text();
        double right = 0;
        for (Shape s : f.shapes()) {
            if (s instanceof Shape.Text t && t.text() != null && !t.text().isEmpty()) {
                right = Math.max(right, reach(probe, t, f.width()));
            }
        }
        return right;
    }

    private static double width(Text probe, Shape.Text t) {
        probe.setFont(Font.font("System", t.bold() ? FontWeight.BOLD : FontWeight.NORMAL, t.size()));
        probe.setText(t.text());
        return probe.getLayoutBounds().getWidth();
    }
}
