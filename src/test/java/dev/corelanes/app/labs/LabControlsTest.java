package dev.corelanes.app.labs;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A lab window never outgrows the screen it opens on (no window manager is there to fix it). */
class LabControlsTest {

    @Test
    void aLabFitsA1280x720Screen() {
        Rectangle2D projector = new Rectangle2D(0, 0, 1280, 720);
        assertArrayEquals(new double[] {1000, 640}, LabControls.fit(1000, 760, projector), "the scaling lab");
        assertArrayEquals(new double[] {1100, 640}, LabControls.fit(1100, 680, projector), "the memory lab");
        assertArrayEquals(new double[] {1000, 620}, LabControls.fit(1000, 620, projector), "the overhead lab");
        assertArrayEquals(new double[] {1000, 760}, LabControls.fit(1000, 760, new Rectangle2D(0, 0, 1920, 1080)));
        assertArrayEquals(new double[] {480, 360}, LabControls.fit(1000, 760, new Rectangle2D(0, 0, 400, 300)),
                "a least size, then the window's own scrolling");
        assertArrayEquals(new double[] {1000, 760}, LabControls.fit(1000, 760, null));
    }
}
