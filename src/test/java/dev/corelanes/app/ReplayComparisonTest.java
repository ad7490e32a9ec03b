package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.Traces;
import dev.corelanes.view.Slide;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay of a comparison: the runs compared play together on one clock, each from its own start. */
@ExtendWith(ApplicationExtension.class)
class ReplayComparisonTest {

    @TempDir
    Path dir;

    private final AnsweringAsker asker = new AnsweringAsker();
    private TestWindow ui;

    @Start
    void start(Stage stage) {
        ui = TestWindow.show(stage, asker, 1280, 720);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    private void open(FxRobot robot, Trace t, String name) throws Exception {
        Path p = dir.resolve(name);
        RunFile.write(t, p);
        asker.answer(p);
        robot.clickOn("File");
        robot.clickOn("Open run…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.window.files().opening());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void scrubTo(FxRobot robot, double seconds) {
        robot.interact(() -> robot.lookup("#replayScrubber").queryAs(Slider.class).setValue(seconds));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aComparisonReplaysItsRunsTogetherOnOneClock(FxRobot robot) throws Exception {
        // Tasks of 10 s: threads run two at a time (0–10 s, then 11–21 s), sequential one after the other. Long
        // enough that the replay, started at 1x, is still going when pause is clicked on a busy machine.
        open(robot, Traces.compute(ExecutionMode.THREADS, 4, 100), "threads.json");
        open(robot, Traces.compute(ExecutionMode.SEQUENTIAL, 2, 100), "sequential.json");
        List<javafx.scene.Node> rows = robot.lookup("#runsTable .table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<?>) n).getItem() != null)
                .sorted(Comparator.comparingInt(n -> ((TableRow<?>) n).getIndex())).toList();
        assertEquals(2, rows.size());
        robot.clickOn(rows.get(0));
        robot.press(KeyCode.CONTROL).clickOn(rows.get(1)).release(KeyCode.CONTROL);
        TimelinePane t = ui.window.timeline();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> t.compared().size() == 2);

        robot.clickOn("#replayButton");
        WaitForAsyncUtils.waitForFxEvents();
        String message = robot.lookup("#messageText").queryAs(Label.class).getText();
        assertFalse(message != null && message.contains("replay"), "no refusal: " + message);
        assertTrue(robot.lookup("#replayBar").query().isVisible(), "the replay bar is up");
        assertEquals(2, t.compared().size(), "both runs stay on screen, on one axis");
        assertTrue(t.liveProperty().get(), "and play");

        robot.clickOn("#replayPlay"); // pause
        scrubTo(robot, 5);
        List<Slide.Run> runs = t.compared();
        assertEquals(ExecutionMode.THREADS, runs.get(0).trace().spec().mode());
        assertEquals(0, runs.get(0).model().size(), "at 5 s no thread task has ended");
        assertEquals(2, runs.get(0).model().openSpans().size(), "two threads run at 5 s");
        assertEquals(0, runs.get(1).model().size(), "nor has the first call of the sequential run");
        assertEquals(1, runs.get(1).model().openSpans().size(), "one call runs at 5 s");

        scrubTo(robot, 10.5);
        assertEquals(2, t.compared().get(0).model().size(), "at 10.5 s both first thread tasks have ended");
        assertEquals(1, t.compared().get(1).model().size(), "and the first call, on the same clock");
        assertEquals(0, t.compared().get(1).model().openSpans().size(), "the second call has not begun");

        robot.clickOn("#replayClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(t.liveProperty().get());
        assertEquals(2, t.compared().size(), "the finished comparison again");
        assertEquals(4, t.compared().get(0).model().size());
    }
}
