package dev.corelanes.app;

import dev.corelanes.app.impl.TimeRange;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wheel over the timeline scrolls the centre like anywhere else in it; Ctrl+wheel zooms, and zooming out
 * stops at the run's own extent (never a negative axis).
 */
@ExtendWith(ApplicationExtension.class)
class TimelineWheelTest {

    private TestWindow ui;

    @Start
    void start(Stage stage) {
        ui = TestWindow.show(stage);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    @Test
    void wheelScrollsTheCentreCtrlWheelZoomsWithinTheRun(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        // Sixteen threads: sixteen legible off-CPU lanes make the centre taller than the window at 1280×720,
        // so the wheel has something to scroll.
        robot.interact(() -> ui.window.apply(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 16, 0.2, false)));
        robot.clickOn("#runButton");
        ui.waitRun(1);
        TimelinePane t = ui.window.timeline();
        ScrollPane centre = robot.lookup("#centreScroll").queryAs(ScrollPane.class);
        TimeRange fit = t.viewRangeProperty().get();
        Bounds b = t.localToScreen(t.getBoundsInLocal());
        Point2D over = new Point2D(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + 60);
        javafx.scene.Node content = centre.getContent();
        assertTrue(content.getLayoutBounds().getHeight() > centre.getViewportBounds().getHeight() + 20,
                "the centre has more than it shows: " + content.getLayoutBounds().getHeight() + " in "
                        + centre.getViewportBounds().getHeight());
        double middle = (centre.getVmin() + centre.getVmax()) / 2;
        robot.interact(() -> centre.setVvalue(middle));
        robot.moveTo(over);
        WaitForAsyncUtils.waitForFxEvents();

        robot.scroll(3, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fit, t.viewRangeProperty().get(), "the wheel alone does not zoom");
        assertNotEquals(middle, centre.getVvalue(), 1e-6, "the wheel over the timeline scrolls the centre");

        robot.interact(() -> centre.setVvalue(middle));
        robot.moveTo(over);
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL);
        try {
            // Which way a notch turns depends on the platform: in is whichever way changes the range.
            VerticalDirection in = VerticalDirection.DOWN;
            robot.scroll(2, in);
            WaitForAsyncUtils.waitForFxEvents();
            if (t.viewRangeProperty().get().equals(fit)) {
                in = VerticalDirection.UP;
                robot.scroll(2, in);
                WaitForAsyncUtils.waitForFxEvents();
            }
            TimeRange zoomed = t.viewRangeProperty().get();
            assertTrue(zoomed.spanNanos() < fit.spanNanos(), "Ctrl+wheel zooms in: " + zoomed + " of " + fit);
            assertEquals(middle, centre.getVvalue(), 1e-9, "Ctrl+wheel does not scroll the centre");
            robot.scroll(12, in == VerticalDirection.DOWN ? VerticalDirection.UP : VerticalDirection.DOWN);
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            robot.release(KeyCode.CONTROL);
        }
        TimeRange out = t.viewRangeProperty().get();
        assertTrue(out.startNanos() >= 0 && out.endNanos() <= fit.endNanos(),
                "zooming out stops at the run's own extent: " + out + " within " + fit);
        assertEquals(fit.spanNanos(), out.spanNanos(), "all the way out is the whole run");
    }
}
