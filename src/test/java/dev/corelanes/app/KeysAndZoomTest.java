package dev.corelanes.app;

import dev.corelanes.engine.TaskStatus;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import javafx.geometry.Bounds;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enter never cancels, Esc does; menu titles keep their underscores; + / − / 0 zoom around the pointer, out to
 * the whole run at most.
 */
@ExtendWith(ApplicationExtension.class)
class KeysAndZoomTest {

    private TestWindow ui;
    private RunSession session;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ui = TestWindow.show(stage);
        session = ui.session;
        window = ui.window;
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
    void enterDuringARunDoesNotCancelItEscDoes(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "20");
        // Clicked Run: it is disabled during the run, and the focus it had once passed to Cancel.
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runningProperty().get());
        for (int i = 0; i < 3; i++) {
            robot.type(KeyCode.ENTER);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(session.runningProperty().get(), "Enter during a run leaves it running");
        assertEquals(1, session.runs().size());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> session.runs().get(0).trace() != null);
        assertEquals(TaskStatus.CANCELLED, session.runs().get(0).trace().status(), "Esc cancels");
    }

    @Test
    void lessonTitlesShowTheirUnderscores(FxRobot robot) {
        Lesson l = Lessons.byId("do-something").orElseThrow();
        assertTrue(l.title().contains("do_something()"));
        robot.clickOn("Lessons");
        Labeled item = robot.lookup(".context-menu .label").match((Labeled x) -> l.title().equals(x.getText()))
                .queryAs(Labeled.class);
        String shown = item.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text)
                .map(n -> ((Text) n).getText()).findFirst().orElseThrow();
        assertEquals("do_something() twice", shown, "what the menu draws");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void plusMinusAndZeroZoomAroundThePointerByAtLeastAQuarter(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.2");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !session.runs().isEmpty() && session.runs().get(0).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TimelinePane t = window.timeline();
        long[] fit = t.viewRange();
        Bounds b = t.localToScreen(t.getBoundsInLocal());
        double px = b.getWidth() * 0.7;
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + px, b.getMinY() + b.getHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        long before = t.frame().timeAt(px / t.zoomProperty().get());

        robot.type(KeyCode.ADD);
        WaitForAsyncUtils.waitForFxEvents();
        long[] in = t.viewRange();
        double ratio = (double) (fit[1] - fit[0]) / (in[1] - in[0]);
        assertTrue(ratio >= 1.249, "one + zooms in at least 1.25×: " + ratio);
        robot.interact(t::redraw);
        long after = t.frame().timeAt(px / t.zoomProperty().get());
        assertEquals(before, after, (fit[1] - fit[0]) / 200.0, "the time under the pointer stays under it");

        robot.type(KeyCode.ADD);
        robot.type(KeyCode.ADD);
        WaitForAsyncUtils.waitForFxEvents();
        long[] closer = t.viewRange();
        robot.type(KeyCode.SUBTRACT);
        robot.type(KeyCode.SUBTRACT);
        WaitForAsyncUtils.waitForFxEvents();
        long[] out = t.viewRange();
        assertTrue((double) (out[1] - out[0]) / (closer[1] - closer[0]) >= 1.249 * 1.249, "two − zoom out 1.25× each");
        robot.type(KeyCode.SUBTRACT);
        robot.type(KeyCode.SUBTRACT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fit[1] - fit[0], t.viewRange()[1] - t.viewRange()[0], "− stops at the whole run");

        robot.type(KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(t::redraw);
        assertEquals(fit[1] - fit[0], t.viewRange()[1] - t.viewRange()[0], "0 fits the whole run again");
    }
}
