package dev.corelanes.view;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What two frames of a live edge differ in: the window repaints only there. */
class EdgeDamageTest {

    private static final Rgb BAR = new Rgb(20, 160, 120, 1);
    private static final Rgb NOW = new Rgb(220, 30, 30, 1);
    private static final Rgb INK = new Rgb(0, 0, 0, 1);

    @Test
    void theSameFrameDiffersNowhere() {
        List<Shape> edge = List.of(new Shape.Box(100, 40, 300, 30, BAR, null, false, "T1", INK),
                new Shape.Line(400, 30, 400, 200, NOW, 2));
        assertEquals(List.of(), EdgeDamage.between(edge, List.copyOf(edge)));
    }

    @Test
    void aBarThatGrewDiffersAtItsEndAndWhereItsLabelWasAndIs() {
        Shape.Box before = new Shape.Box(100, 40, 300, 30, BAR, null, false, "T1", INK);
        Shape.Box after = new Shape.Box(100, 40, 340, 30, BAR, null, false, "T1", INK);
        List<EdgeDamage.Area> d = EdgeDamage.between(List.of(before), List.of(after));
        assertTrue(covers(d, 400, 440, 55), "the new end is repainted");
        assertTrue(covers(d, 250, 250, 55), "where the label was (the middle of 100–400)");
        assertTrue(covers(d, 270, 270, 55), "where it is now (the middle of 100–440)");
        assertTrue(!covers(d, 120, 120, 55) && !covers(d, 350, 350, 55),
                "the rest of the bar, unchanged, is not: " + d);
    }

    @Test
    void aHatchedBarThatGrewDiffersAlsoWhereItsHatchLinesReachItsEnd() {
        // A process's bar: outlined and hatched "/", one pixel up per pixel right, so lines cut by the old end
        // start up to a bar's height (30) to its left.
        Shape.Box before = new Shape.Box(100, 40, 300, 30, BAR, INK, true, null, INK);
        Shape.Box after = new Shape.Box(100, 40, 340, 30, BAR, INK, true, null, INK);
        List<EdgeDamage.Area> d = EdgeDamage.between(List.of(before), List.of(after));
        assertTrue(covers(d, 371, 440, 55), "from a bar's height left of the old end to the new end: " + d);
        assertTrue(!covers(d, 300, 300, 55), "not further left: " + d);
    }

    @Test
    void theNowLineDiffersWhereItWasAndWhereItIs() {
        List<EdgeDamage.Area> d = EdgeDamage.between(List.of(new Shape.Line(400, 30, 400, 200, NOW, 2)),
                List.of(new Shape.Line(420, 30, 420, 200, NOW, 2)));
        assertTrue(covers(d, 400, 400, 100) && covers(d, 420, 420, 100), "both places: " + d);
        assertTrue(!covers(d, 410, 410, 100), "not between them: " + d);
    }

    private static boolean covers(List<EdgeDamage.Area> areas, double x0, double x1, double y) {
        for (double x = x0; x <= x1; x++) {
            boolean in = false;
            for (EdgeDamage.Area a : areas) {
                in |= a.x0() <= x && x <= a.x1() && a.y0() <= y && y <= a.y1();
            }
            if (!in) {
                return false;
            }
        }
        return true;
    }
}
