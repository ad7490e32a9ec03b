package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.Trace;
import dev.corelanes.view.TimelineTheme;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presenter mode for the back row: the big prediction card, replay driving the digits, 2× timeline type. */
@ExtendWith(ApplicationExtension.class)
class PresenterTest {

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

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void presenterModeSaysHowToLeaveOnItsButtonWithoutAFadingOverlay(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#presenterButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.presenterProperty().get());
        Button present = robot.lookup("#presenterButton").queryAs(Button.class);
        assertEquals("Leave (Esc)", present.getText());
        assertEquals(MainWindow.FULL_SCREEN_HINT, present.getTooltip().getText());
        assertEquals("", ui.stage.getFullScreenExitHint(), "JavaFX's own hint fades over the screen at 60 frames a second");
        robot.clickOn("#presenterButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Present", present.getText());
    }

    @Test
    void predictionRevealReplayDigitsAndTwiceTheTimelineTypeOnAProjector(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        double normalZoom = window.timeline().zoomProperty().get();
        robot.push(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.presenterProperty().get());
        // Drawn larger, up to twice the normal size, as large as its lines still fit across it: the
        // placeholder ("Choose a workload on the left and press Run …") was cut at twice the size.
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        double z = window.timeline().zoomProperty().get();
        double most = 2 * ClassroomTest.projector(window.scene()) * normalZoom;
        assertTrue(z > normalZoom && z <= most + 1e-9, "lane labels, bar labels and axis drawn larger, up to "
                + most + ": " + z);
        var placeholder = window.timeline().frame();
        assertTrue(TimelineZoomFit.widest(placeholder) <= placeholder.width() + 0.5, "the placeholder is not cut");
        TimelineTheme shown = window.timeline().themeProperty().get();
        assertEquals(shown.text(), shown.muted(), "high contrast: no grey text on the projector");

        robot.clickOn("Teach");
        robot.clickOn("Predict before each run");
        robot.interact(() -> window.apply(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.6, false)));
        robot.clickOn("#runButton");
        robot.clickOn("#predictionField").write("0.4");
        robot.clickOn("#predictOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !session.runs().isEmpty() && session.runs().get(0).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Trace t = session.runs().get(0).trace();
        assertTrue(robot.lookup("#predictionCard").query().isVisible(), "the reveal is a card");
        assertEquals("0.400 s", text(robot, "#predictedValue"));
        assertEquals(FigureText.seconds(t.wallSeconds()), text(robot, "#measuredValue"));
        assertTrue(t.wallSeconds() >= 0.6, "a 0.6 s sleep lasts at least 0.6 s");
        // Under a second the wall reads in thousandths, from 1 s in hundredths (a busy machine may get there).
        String shownAs = FigureText.shown(t.wallSeconds()) < 1 ? "+%.3f s" : "+%.2f s";
        assertEquals(String.format(java.util.Locale.ROOT, shownAs, FigureText.shown(t.wallSeconds()) - 0.4),
                text(robot, "#differenceValue"), "a 0.6 s sleep measured against 0.4 s predicted: the shown figures' difference");
        var drawn = window.timeline().frame();
        assertTrue(TimelineZoomFit.widest(drawn) <= drawn.width() + 0.5, "no line of the run's timeline is cut");
        assertTrue(window.timeline().zoomProperty().get() >= normalZoom * WindowLook.LEAST_ZOOM,
                "never much smaller than normal: " + window.timeline().zoomProperty().get());

        String measured = text(robot, "#wallClock");
        assertEquals(WallClock.clockText(t.wallNanos()), measured);
        robot.clickOn("#replayButton");
        // A quarter speed, so the replay is still going while it is read (the bar may be scrolled out of view).
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            var speed = (javafx.scene.control.ChoiceBox<Double>) robot.lookup("#replaySpeed").query();
            speed.setValue(0.25);
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.replayBar().position() > 0);
        Thread.sleep(100);
        long[] at = new long[1];
        String[] digits = new String[1];
        robot.interact(() -> {
            at[0] = window.replayBar().position();
            digits[0] = text(robot, "#wallClock");
        });
        long replayed = Math.round(Double.parseDouble(digits[0].replace(" s", "")) * 1e9);
        assertTrue(replayed < t.wallNanos(), "the big digits follow the replay: " + digits[0] + " of " + measured);
        assertEquals(at[0], replayed, 100_000_000L, "digits at the replay's position (within a frame or two)");
        robot.push(KeyCode.ESCAPE);
    }
}
