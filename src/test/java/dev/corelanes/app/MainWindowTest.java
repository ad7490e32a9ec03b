package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window driven as a user drives it: clicks, typing, shortcuts (headless under Monocle). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private TestWindow ui;
    private RunSession session;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ui = TestWindow.show(stage);
        session = ui.session;
        window = ui.window;
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @org.junit.jupiter.api.AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    private void chooseMode(FxRobot robot, ExecutionMode mode) {
        UserActions.pick(robot, "#modeChoice", mode.label());
        assertEquals(mode, window.form().modeProperty().get());
    }

    private Trace waitEnd(int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
                () -> !session.runs().isEmpty() && ui.lastRun().trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return ui.lastRun().trace();
    }

    private String cell(FxRobot robot, int row, String column) {
        TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
        for (var c : table.getColumns()) {
            if (c.getText().equals(column)) {
                return String.valueOf(c.getCellData(row));
            }
        }
        throw new AssertionError("no column " + column);
    }

    @Test
    void twoSleepThreadsRunAndShowUpInTheTableAndTimeline(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        chooseMode(robot, ExecutionMode.THREADS);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.3");
        robot.clickOn("#runButton");
        Trace t = waitEnd(30);

        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals("Threads", cell(robot, 0, "Model"));
        assertEquals("2 sleep × 0.3 s", cell(robot, 0, "Workload"));
        assertEquals("completed", cell(robot, 0, "Status"));
        assertTrue(t.wallSeconds() >= 0.3, "two 0.3 s sleeps take at least 0.3 s: wall " + t.wallSeconds());
        assertEquals(dev.corelanes.engine.FigureText.seconds(t.wallSeconds()), cell(robot, 0, "Wall"));
        // Sleeping tasks' own CPU time, apart from the runtime's: the header has both, the table the tasks'.
        var f = dev.corelanes.engine.RunFigures.of(t);
        assertTrue(f.cpuSplit().tasksKnown(), f.cpuSplit().unknownReason());
        assertEquals(dev.corelanes.engine.FigureText.seconds(f.cpuSplit().taskSeconds()), cell(robot, 0, "Task CPU"));
        assertTrue(f.cpuSplit().taskSeconds() < 0.05, "two sleeping tasks' own code: " + f.cpuSplit().taskSeconds() + " s");
        assertEquals("CPU time " + dev.corelanes.engine.FigureText.seconds(f.cpuSeconds()) + ": "
                + dev.corelanes.engine.FigureText.cpuSplit(f), robot.lookup("#wallCpu").queryAs(Label.class).getText());
        String clock = robot.lookup("#wallClock").queryAs(Label.class).getText();
        assertEquals(WallClock.clockText(t.wallNanos()), clock);

        var model = window.timeline().model();
        assertEquals(t.spans().size(), model.size(), "the timeline shows the trace's spans");
        long sleeping = model.spans().stream().filter(s -> s.state() == SpanState.SLEEPING).count();
        assertEquals(2, sleeping, "one sleeping span per task");
        assertTrue(model.spans().stream().map(Span::worker).anyMatch("T2"::equals));
    }

    @Test
    void cancelMidRunEndsTheRunAsCancelled(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "5");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.lastRun().handle().started());
        Thread.sleep(300);
        robot.clickOn("#cancelButton");
        Trace t = waitEnd(15);

        assertEquals(TaskStatus.CANCELLED, t.status());
        // Stopped early: the tasks are cancelled, not completed (how fast is for -Pbench).
        assertTrue(t.tasks().stream().allMatch(r -> r.status() == TaskStatus.CANCELLED), t.tasks().toString());
        assertEquals("cancelled", cell(robot, 0, "Status"));
        assertFalse(robot.lookup("#runButton").queryAs(Button.class).isDisabled(), "ready for the next run");
    }

    @Test
    void enterRunsAndEscapeCancels(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "5");
        robot.clickOn("#timelineCanvas");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runs().size() == 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.lastRun().handle().started());
        robot.type(KeyCode.ESCAPE);
        assertEquals(TaskStatus.CANCELLED, waitEnd(15).status());
    }

    @Test
    void inAFreshWindowEnterRunsWithoutAClickFirst(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runs().size() == 1);
        assertFalse(window.presenterProperty().get(), "Enter ran the experiment, it did not go full screen");
        waitEnd(30);
    }

    @Test
    void spaceRuns(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "1");
        UserActions.type(robot, "#secondsSpinner", "0.1");
        robot.clickOn("#timelineCanvas");
        robot.type(KeyCode.SPACE);
        assertEquals(TaskStatus.COMPLETED, waitEnd(30).status());
        assertEquals(1, session.runs().size());
    }

    @Test
    void outOfRangeTasksAreClampedToTheModesMaximum(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        chooseMode(robot, ExecutionMode.THREADS);
        UserActions.type(robot, "#tasksSpinner", "99999");
        int max = ExperimentSpec.maxTasks(ExecutionMode.THREADS, window.form().kindProperty().get());
        assertEquals(max, window.form().tasksProperty().get());
        assertEquals(String.valueOf(max),
                robot.lookup("#tasksSpinner").queryAs(Spinner.class).getEditor().getText());
        // Letters cannot even be typed.
        UserActions.type(robot, "#secondsSpinner", "abc");
        assertEquals(1.0, window.form().secondsProperty().get(), 1e-9);
        assertFalse(robot.lookup("#runButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void anImpossibleCombinationSaysWhyAndDisablesRun(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        chooseMode(robot, ExecutionMode.VIRTUAL);
        UserActions.type(robot, "#tasksSpinner", "5000");
        assertEquals(5000, window.form().tasksProperty().get());
        chooseMode(robot, ExecutionMode.THREADS);
        Label error = robot.lookup("#specError").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("1024"), error.getText());
        assertTrue(robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#workersSpinner").queryAs(Spinner.class).isDisabled(), "workers: pools only");
    }

    @Test
    void processesRunFromTheWindowAndLeaveNoChild(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        chooseMode(robot, ExecutionMode.PROCESSES);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.3");
        robot.clickOn("#runButton");
        Trace t = waitEnd(60);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(window.timeline().model().spans().stream().anyMatch(s -> s.state() == SpanState.SPAWNING),
                "a spawning span per process");
        assertEquals("completed", cell(robot, 0, "Status"));
        long deadline = System.nanoTime() + 30_000_000_000L; // eventually: a hang guard, not a speed limit
        while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(), "no child left");
    }

    @Test
    void closingTheWindowDuringARunCancelsIt(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "5");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.lastRun().handle().started());
        robot.interact(() -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertTrue(ui.lastRun().handle().isDone(), "the close request waited for the run to stop");
        assertEquals(TaskStatus.CANCELLED, ui.lastRun().handle().result().get().status());
    }

    @Test
    void fileQuitDuringARunCancelsItAndClosesTheWindow(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.type(robot, "#tasksSpinner", "2");
        // Long enough that the run is still going when the menu has opened and Quit is clicked on a busy machine
        // (5 s was not, at a load average of 22); Quit cancels it at once anyway.
        UserActions.type(robot, "#secondsSpinner", "30");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.lastRun().handle().started());
        robot.clickOn("File");
        robot.clickOn("Quit");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ui.lastRun().handle().isDone(), "Quit waited for the run to stop");
        assertEquals(TaskStatus.CANCELLED, ui.lastRun().handle().result().get().status());
        assertFalse(stage.isShowing(), "the window closed");
    }

    @Test
    void tenThousandVirtualThreadsStayUsable(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        chooseMode(robot, ExecutionMode.VIRTUAL);
        UserActions.type(robot, "#tasksSpinner", "10000");
        UserActions.type(robot, "#secondsSpinner", "0.2");
        robot.clickOn("#runButton");
        Trace t = waitEnd(60);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        var model = window.timeline().model();
        assertEquals(10_000, model.spans().stream().filter(s -> s.state() == SpanState.SLEEPING).count());
        robot.clickOn("#perWorkerToggle");
        var frame = WaitForAsyncUtils.asyncFx(() -> window.timeline().redraw()).get();
        long lanes = frame.lanes().size();
        assertTrue(lanes >= 5 && lanes < 60, "packed worker lanes: " + lanes);
        assertTrue(frame.lanes().get(0).label().startsWith("V1 +"), frame.lanes().get(0).label());
    }
}
