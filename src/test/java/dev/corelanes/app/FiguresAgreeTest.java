package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header, the caption and the runs table show the same figures for the same run, because they all read
 * {@link RunFigures}: one speedup with its baseline, no speedup for a cancelled run.
 */
@ExtendWith(ApplicationExtension.class)
class FiguresAgreeTest {

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

    private Trace run(FxRobot robot, ExecutionMode mode) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        UserActions.pick(robot, "#modeChoice", mode.label());
        int before = session.runs().size();
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> session.runs().size() > before && ui.lastRun().trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return ui.lastRun().trace();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private String speedupCell(FxRobot robot, int row) {
        TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
        return table.getColumns().stream().filter(c -> c.getText().equals("Speedup")).findFirst()
                .map(c -> String.valueOf(c.getCellData(row))).orElseThrow();
    }

    @Test
    void headerCaptionAndTableShowOneSpeedupAgainstTheSequentialRun(FxRobot robot) throws Exception {
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.2");
        Trace seq = run(robot, ExecutionMode.SEQUENTIAL);
        Trace thr = run(robot, ExecutionMode.THREADS);
        assertEquals(TaskStatus.COMPLETED, thr.status(), thr.message());

        RunFigures f = ui.lastRun().figures();
        assertEquals(dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN, f.baseline(), "a sleep run compares with sequential sleep");
        double measured = seq.wallSeconds() / thr.wallSeconds();
        if (measured > f.usableCores() * (1 + RunFigures.LIMIT_NOISE)) {
            // The sequential run's own start-up made the ratio pass two waits at a time: no figure, the reason.
            assertFalse(f.hasSpeedup());
            assertTrue(f.noSpeedupReason().startsWith("past the limit of 2 waits at a time"), f.noSpeedupReason());
        } else {
            assertEquals(Math.min(measured, f.usableCores()), f.speedup(), 1e-9);
        }
        String shown = FigureText.speedup(f);
        assertEquals("speedup " + shown, text(robot, "#wallSpeedup"));
        assertEquals(FigureText.speedupCell(f), speedupCell(robot, 1));
        assertTrue(text(robot, "#runCaption").contains("speedup " + shown), text(robot, "#runCaption"));
        assertEquals(FigureText.ideal(f), text(robot, "#wallIdeal"));
    }

    @Test
    void aCancelledRunShowsNoSpeedupAnywhere(FxRobot robot) throws Exception {
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.2");
        run(robot, ExecutionMode.SEQUENTIAL);
        UserActions.type(robot, "#secondsSpinner", "5");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runs().size() == 2 && ui.lastRun().handle().started());
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ui.lastRun().trace() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(TaskStatus.CANCELLED, ui.lastRun().trace().status());
        assertEquals("speedup — (run cancelled)", text(robot, "#wallSpeedup"));
        assertEquals(FigureText.DASH, speedupCell(robot, 1));
        String caption = text(robot, "#runCaption");
        assertTrue(caption.contains("no speedup or efficiency: run cancelled"), caption);
        assertFalse(caption.contains("×") || caption.contains("efficiency 1") || caption.matches("(?s).*efficiency \\d.*"),
                caption);
    }

    @Test
    void theLessonCardShowsTheSameSpeedupAsTheRunsTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        dev.corelanes.teach.Lesson l = dev.corelanes.teach.Lessons.all().get(0); // sequential, then threads (sleep)
        robot.clickOn("Lessons");
        robot.clickOn(l.title());
        for (int step = 0; step < l.steps().size(); step++) {
            robot.clickOn("#lessonRunStep");
            int n = step + 1;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> session.runs().size() == n && session.runs().get(n - 1).trace() != null);
        }
        WaitForAsyncUtils.waitForFxEvents();
        RunFigures threads = session.runs().get(1).figures();
        assertEquals(dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN, threads.baseline());
        String measured = text(robot, "#lessonMeasured");
        assertTrue(measured.contains("Step 2 (threads): " + FigureText.seconds(threads.wallSeconds()) + " · ideal "
                + FigureText.seconds(threads.idealSeconds()) + " · speedup " + FigureText.speedup(threads)), measured);
        assertTrue(measured.contains(FigureText.ratio(threads.speedup())), measured);
        assertEquals(FigureText.ratio(threads.speedup()), speedupCell(robot, 1));
    }
}
