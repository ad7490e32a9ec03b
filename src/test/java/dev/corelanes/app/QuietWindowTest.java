package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.StartupSettle;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.runners.Runs;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window stays out of the runs it measures: {@code window … --run} starts the run's clock only once the
 * window's start-up has settled (here a probe the test answers), a capped live run keeps no animation pulsing,
 * the wall-clock digits change at a bounded rate, and what drawing cost the window during a run is in the run's
 * conditions, its file and its caption, in the same words. No time limit is asserted.
 */
@ExtendWith(ApplicationExtension.class)
class QuietWindowTest {

    @TempDir
    Path dir;

    private TestWindow ui;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ui = TestWindow.show(stage);
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

    @Test
    void aDemoRunWaitsForTheWindowToSettleThenRecordsWhatDrawingCost(FxRobot robot) throws Exception {
        CompletableFuture<StartupSettle.Outcome> settled = new CompletableFuture<>();
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.5, false);
        onFx(() -> {
            window.runControl().setSettleProbe(() -> settled);
            window.prepare(spec, null, true);
            return null;
        });
        ui.waitReady(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> window.runControl().settling()));
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(onFx(() -> ui.session.runs().isEmpty() && window.runControl().settling()),
                "no run starts while the window's start-up has not settled");

        // The probe gives up (a busy machine): the run starts anyway, and the window says so.
        StartupSettle.Outcome busy = new StartupSettle.Outcome(false, 5_000_000_000L, 0.6);
        settled.complete(busy);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> !ui.session.runs().isEmpty()));
        // The timeline switches to paced frames at the first pulse after the run started moving: look after it had
        // the chance (reading at once raced that pulse on a busy machine), while the run still goes on.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> onFx(() -> window.timeline().paced() || !ui.session.runningProperty().get()));
        boolean[] live = onFx(() -> new boolean[] {ui.session.runningProperty().get(), window.timeline().paced()});
        assertEquals(busy.note(), onFx(() -> window.messages().text()));
        Trace t = ui.waitRun(1);
        if (live[0]) {
            assertTrue(live[1], "a compute run's frames are paced off the pulse (no 60 Hz animation)");
        }

        assertTrue(t.conditions().windowKnown(), "the window measured its drawing during the run: " + t.conditions());
        String said = FigureText.windowCpu(t);
        assertTrue(said.startsWith("Window drawing used ") && said.contains(" CPU during this run"), said);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup("#runCaption").queryAs(Label.class).getText().contains(said)));

        Path file = dir.resolve("run.json");
        RunFile.write(t, file);
        assertTrue(RunFile.toJsonString(t).contains("\"windowCpuSeconds\""));
        Trace back = RunFile.read(file);
        assertEquals(t.conditions().windowCpuNanos(), back.conditions().windowCpuNanos(), 1_000);
        assertEquals(said, FigureText.windowCpu(back), "read back, the run says the same");
    }

    @Test
    void aRunFromTheCommandLineHasNoWindowFigure(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false),
                onFx(() -> ui.session.machineProperty().get()));
        assertFalse(t.conditions().windowKnown());
        assertEquals("", FigureText.windowCpu(t));
        assertFalse(RunFile.toJsonString(t).contains("windowCpuSeconds"));
    }

    @Test
    void theCentreKeepsNoImageOfItselfSoALiveFrameRedrawsOnlyWhatChanged(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        javafx.scene.control.ScrollPane centre = robot.lookup("#centreScroll").queryAs(javafx.scene.control.ScrollPane.class);
        // JavaFX's scroll pane caches its viewport: every timeline frame would render the whole centre again.
        assertTrue(onFx(() -> UncachedScroll.uncached(centre)), "the centre's viewport is not cached");
    }

    @Test
    void theWallClockDigitsChangeAtMostTenTimesASecond(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        UserActions.pick(robot, "#kindChoice", "Sleep");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "1");
        long before = onFx(() -> window.clock().updates());
        long t0 = System.nanoTime();
        robot.clickOn("#runButton");
        ui.waitRun(1);
        long elapsed = System.nanoTime() - t0;
        long updates = onFx(() -> window.clock().updates()) - before;
        assertTrue(updates > 0, "the digits counted");
        // A rate, not a time limit: a slow machine only makes fewer updates.
        assertTrue(updates <= elapsed / WallClock.MIN_INTERVAL_NANOS + 2,
                updates + " updates in " + elapsed / 1_000_000 + " ms");
    }
}
