package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.Needs;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing heavy on the FX thread, nothing moving when nothing moves: exports are written by another thread
 * while the window answers, a finished run's timeline is rebuilt off the FX thread, and once a run has ended
 * the frame loops stop and no load is sampled, until a run, a replay or a zoom moves something again.
 * No time limit is asserted: the waits are generous timeouts on a state, never a duration.
 */
@ExtendWith(ApplicationExtension.class)
class IdleWindowTest {

    @TempDir
    Path dir;

    private TestWindow ui;
    private RunSession session;
    private MainWindow window;
    private final AnsweringAsker asker = new AnsweringAsker();

    @Start
    void start(Stage stage) {
        ui = TestWindow.show(stage, asker, 1280, 720);
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

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static void await(String what, Callable<Boolean> c) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(c));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what, e);
        }
    }

    /** Nothing animates, the digits do not count, no load is sampled. */
    private boolean idle() {
        return !window.timeline().animating() && !window.clock().ticking() && !session.samplingLoad();
    }

    private void open(FxRobot robot, Path file) {
        asker.answer(file);
        robot.clickOn("File");
        robot.clickOn("Open run…");
        await("the run file is read", () -> !window.files().opening());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aComputeRunDrawsAtAPacedRateAndThePacingStopsWithTheRun(FxRobot robot) throws Exception {
        await("the machine is read", () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        UserActions.pick(robot, "#kindChoice", "Compute");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "1");
        robot.clickOn("#runButton");
        long[] live = onFx(() -> new long[] {session.runningProperty().get() ? 1 : 0,
                window.runControl().fittingFrameRate() ? 1 : 0, window.runControl().frameIntervalNanos()});
        assertTrue(live[0] == 1, "a 2 × 1 s compute run is still going on when the Run click has been handled");
        assertTrue(live[1] == 1, "the frame rate follows what drawing costs while compute tasks run");
        assertTrue(new FrameBudget.DrawingThreads().cpuNanos() > 0,
                "the cost of drawing is read from JavaFX's own threads (their names are what it looks for)");
        assertTrue(live[2] >= FrameBudget.MIN_INTERVAL_NANOS && live[2] <= FrameBudget.MAX_INTERVAL_NANOS,
                "between " + FrameBudget.MAX_FPS + " and " + FrameBudget.MIN_FPS + " frames a second: " + live[2]);

        await("the run ends", () -> !session.runs().isEmpty() && session.runs().get(0).trace() != null);
        await("nothing animates once the run has ended", this::idle);
        assertFalse(onFx(() -> window.runControl().fittingFrameRate()), "no pacing timer after the run");
    }

    @Test
    void aRunAnimatesWhileItGoesOnAndTheWindowFallsIdleWhenItEnds(FxRobot robot) throws Exception {
        await("the machine is read", () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        await("a fresh window draws once and stops", this::idle);

        UserActions.pick(robot, "#kindChoice", "Sleep");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "1");
        robot.clickOn("#runButton");
        // Read together on the FX thread: the run cannot end between the reads (it ends through that thread).
        boolean[] live = onFx(() -> new boolean[] {session.runningProperty().get(), window.timeline().animating(),
                window.clock().ticking(), session.samplingLoad()});
        assertTrue(live[0], "a 1 s sleep run is still going on when the Run click has been handled");
        assertTrue(live[1], "the timeline animates a live run");
        assertTrue(live[2], "the digits count");
        assertTrue(live[3], "the load strip is sampled while a run is live");

        await("the run ends", () -> !session.runs().isEmpty() && session.runs().get(0).trace() != null);
        await("nothing animates once the run has ended", this::idle);
        Thread built = session.lastModelThread();
        assertNotNull(built);
        assertNotSame(ClassroomTest.fxThread(), built, "the finished run's timeline is rebuilt off the FX thread");

        // A zoom moves the view: one more frame is drawn, and the loop stops again.
        long frames = onFx(() -> window.timeline().framesDrawn());
        robot.moveTo("#timelineCanvas");
        robot.type(KeyCode.ADD);
        await("the zoom is drawn", () -> window.timeline().framesDrawn() > frames);
        await("idle again after the zoom", this::idle);

        // A replay animates while it plays; paused, its timer and the timeline stop.
        robot.clickOn("#replayButton");
        assertTrue(onFx(() -> window.replayBar().ticking() && window.timeline().animating()), "the replay plays");
        robot.clickOn("#replayPlay"); // pause
        await("a paused replay leaves the window idle",
                () -> !window.replayBar().ticking() && !window.timeline().animating());
        robot.clickOn("#replayClose");
        await("idle after the replay", this::idle);
    }

    @Test
    void aRunFileIsReadAndItsTimelineBuiltOffTheFxThread(FxRobot robot) throws Exception {
        Path file = dir.resolve("long.json");
        RunFile.write(dev.corelanes.fixtures.Traces.compute(ExecutionMode.THREADS, 8), file);
        open(robot, file);
        assertEquals(1, session.runs().size());
        assertNotSame(ClassroomTest.fxThread(), session.lastModelThread());
        await("the opened run is drawn, then nothing moves", this::idle);
    }

    @Test
    void anExportIsWrittenByAnotherThreadWhileTheWindowAnswersWithAProgressIndicator(FxRobot robot)
            throws Exception {
        open(robot, saved());
        Path fifo = dir.resolve("slide.png");
        Needs.fifo(fifo); // a pipe nobody reads yet: the export waits, the window must not
        asker.answer(fifo);
        robot.press(KeyCode.CONTROL).press(KeyCode.E).release(KeyCode.E).release(KeyCode.CONTROL);
        robot.clickOn("#exportOk");
        WaitForAsyncUtils.waitForFxEvents();
        // Nobody reads the pipe yet: the writer waits, the FX thread must not.
        assertTrue(onFx(() -> window.files().writing()), "still writing");
        assertTrue(onFx(() -> window.messages().inProgress()), "a progress indicator while the file is written");
        assertTrue(window.messages().text().contains("Exporting slide.png"), window.messages().text());
        robot.clickOn("View"); // the menus still answer while the export waits
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        BufferedImage png;
        try (InputStream in = Files.newInputStream(fifo)) {
            png = ImageIO.read(in);
        }
        assertNotNull(png, "the pipe received a PNG");
        assertTrue(png.getWidth() >= 1280, "width " + png.getWidth());
        await("the export is done", () -> !window.files().writing());
        assertFalse(window.messages().inProgress());
        assertFalse(window.messages().isError(), window.messages().text());
        assertTrue(window.messages().text().startsWith("Exported"), window.messages().text());
        assertNotSame(ClassroomTest.fxThread(), window.files().lastWriter(), "written off the FX thread");
    }

    @Test
    void aFailedExportSaysWhyAndLeavesNoProgressBehind(FxRobot robot) throws Exception {
        open(robot, saved());
        Path folder = Files.createDirectory(dir.resolve("a-folder.png"));
        asker.answer(folder);
        robot.press(KeyCode.CONTROL).press(KeyCode.E).release(KeyCode.E).release(KeyCode.CONTROL);
        robot.clickOn("#exportOk");
        await("the export gives up", () -> !window.files().writing());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.messages().isError(), window.messages().text());
        assertFalse(window.messages().inProgress());
        assertFalse(window.messages().text().contains("Exception"), "one line, no stack trace: "
                + window.messages().text());
        assertTrue(Files.isDirectory(folder), "the folder is left as it was");
    }

    private Path saved() throws Exception {
        Path p = dir.resolve("run.json");
        RunFile.write(dev.corelanes.fixtures.Traces.compute(ExecutionMode.THREADS, 4), p);
        return p;
    }
}
