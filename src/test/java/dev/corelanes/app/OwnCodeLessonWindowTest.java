package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.fixtures.Needs;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.teach.CodeSamples;
import dev.corelanes.teach.LessonReport;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lessons ▸ Your own code: my_threads.py, clicked through as a class does — step 1 two CPython threads, step 2 the
 * student's own file traced on the lanes with the Python chosen, both in the runs table and compared; a file that
 * fails or is missing says so; where no program can be traced the step is skipped with the reason.
 */
@ExtendWith(ApplicationExtension.class)
class OwnCodeLessonWindowTest {

    private static final List<Path> folders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private RunSession session;
    private MainWindow window;
    private Path mine;

    @Start
    void start(Stage stage) throws IOException {
        Path runs = Files.createTempDirectory("corelanes-ownlesson-runs");
        mine = Files.createTempDirectory("corelanes-ownlesson-code");
        folders.add(runs);
        folders.add(mine);
        session = new RunSession(Hardware.detect());
        window = new MainWindow(session, TestPrefs.fresh(), new AnsweringAsker(), new RunStore(runs));
        window.ownCodeDir(mine);
        window.install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void close() throws InterruptedException {
        session.close();
        // No process of the student's program outlives the lesson.
        for (int i = 0; i < 250 && ownProcesses() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, ownProcesses(), "a process of my_threads.py outlived its run");
    }

    private long ownProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains(mine.toString())).count();
    }

    @AfterAll
    static void clean() throws IOException {
        TestPrefs.removeAll();
        for (Path d : folders) {
            try (Stream<Path> s = Files.walk(d)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Chooses the lesson from the menu, and the first CPython once the window has found one. */
    private ChoiceBox<RuntimeChooser.Option> openLesson(FxRobot robot) throws Exception {
        Needs.tool("python3");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.machineProperty().get() != null);
        robot.clickOn("Lessons");
        robot.clickOn("#lesson-own-code");
        @SuppressWarnings("unchecked")
        ChoiceBox<RuntimeChooser.Option> runtime = robot.lookup("#runtimeChoice").queryAs(ChoiceBox.class);
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> runtime.getItems().stream()
                    .anyMatch(o -> o.python() != null));
        } catch (java.util.concurrent.TimeoutException e) {
            Assumptions.abort("no Python 3.8+ found for the window to offer");
        }
        UserActions.pick(robot, "#runtimeChoice", "CPython");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fileLine(robot).contains(mine.toString()));
        return runtime;
    }

    private static String fileLine(FxRobot robot) {
        return robot.lookup("#lessonOwnCodeFile").queryAs(Label.class).getText();
    }

    private static String ownStatus(FxRobot robot) {
        return robot.lookup("#lessonOwnCodeStatus").queryAs(Label.class).getText();
    }

    private static String runStepText(FxRobot robot) {
        return robot.lookup("#lessonRunStep").queryAs(Button.class).getText();
    }

    /** Runs the lesson's next step with its button and waits for it to end. */
    private void runStep(FxRobot robot, int runsAfter) throws Exception {
        robot.clickOn("#lessonRunStep");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> session.runs().size() == runsAfter
                && session.runs().get(runsAfter - 1).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theStudentsFileRunsAsTheLessonsStepOnTheLanesAndIsComparedWithTheThreadsStep(FxRobot robot) throws Exception {
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
        ChoiceBox<RuntimeChooser.Option> runtime = openLesson(robot);
        Path file = mine.resolve("my_threads.py");
        assertEquals(CodeSamples.myThreads(), Files.readString(file), "the starter, written for the lesson");
        assertTrue(robot.lookup("#lessonOwnCodeOpen").queryAs(Button.class).isVisible(), "Open in editor is there");
        assertEquals("Run step 1 of 2", runStepText(robot));

        runStep(robot, 1);
        assertEquals("Run step 2 of 2", runStepText(robot));
        assertTrue(robot.lookup("#lessonStep").queryAs(Label.class).getText().startsWith("your own code: my_threads.py"));
        String python = runtime.getValue().python().executable();

        runStep(robot, 2);
        Trace own = session.runs().get(1).trace();
        assertEquals(ExecutionMode.TRACED, own.spec().mode());
        assertEquals(TaskStatus.COMPLETED, own.status(), own.message());
        assertTrue(own.runtime().interpreter().startsWith(python), "run with the Python chosen: "
                + own.runtime().interpreter() + " vs " + python);
        assertTrue(own.runtime().interpreter().contains(file.toString()), own.runtime().interpreter());
        long processes = own.workers().stream().mapToLong(w -> w.pid()).distinct().count();
        assertTrue(processes >= 3, "the program and its two processes: " + own.workers());

        // The card's line and finding are written from this run's figures, the engine's overlap among them.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#lessonMeasured").queryAs(Label.class)
                .getText().contains("Step 2 (your program, "));
        LessonReport report = robot.lookup("#lessonCard").queryAs(LessonCard.class).report();
        assertTrue(report.complete());
        assertTrue(report.findings().get(1).contains(FigureText.overlap(RunFigures.overlap(own), own.wallNanos())),
                report.findings().get(1));
        assertEquals("All 2 steps ran", runStepText(robot));
        // Both steps are in the runs table and compared on one time axis.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.selectedRows().size() == 2);
        assertEquals(List.of(session.runs().get(0), session.runs().get(1)), window.selectedRows());
        assertEquals(CodeSamples.myThreads(), Files.readString(file), "the student's file is never written over");
    }

    @Test
    void aFileThatFailsMakesAFailedStepWithItsCauseAndAMissingFileIsSaidPlainly(FxRobot robot) throws Exception {
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
        Path file = Files.writeString(mine.resolve("my_threads.py"), "raise ValueError('my own bug')\n");
        openLesson(robot);
        assertTrue(fileLine(robot).startsWith("Your file, changed since the starter"), fileLine(robot));
        runStep(robot, 1);
        runStep(robot, 2);
        Trace own = session.runs().get(1).trace();
        assertEquals(TaskStatus.FAILED, own.status());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ownStatus(robot).contains("ValueError: my own bug"));
        assertTrue(ownStatus(robot).startsWith("Your program failed (the program ended with exit code 1)"),
                ownStatus(robot));
        String measured = robot.lookup("#lessonMeasured").queryAs(Label.class).getText();
        assertTrue(measured.contains("my_threads.py): failed (the program ended with exit code 1)"), measured);
        assertEquals("raise ValueError('my own bug')\n", Files.readString(file), "the edit is kept");

        // Again, with the file gone: nothing runs, and the card says where it was.
        robot.clickOn("Lessons");
        robot.clickOn("#lesson-own-code");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fileLine(robot).contains(mine.toString()));
        runStep(robot, 3);
        Files.delete(file);
        robot.clickOn("#lessonRunStep");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ownStatus(robot).startsWith("Your my_threads.py is "
                + "missing"));
        assertTrue(fileLine(robot).startsWith("Your file is missing: " + file), fileLine(robot));
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertEquals(3, session.runs().size(), "nothing ran");
        assertEquals("Run step 2 of 2", runStepText(robot), "the step is still to run");
    }

    @Test
    void whereNoProgramCanBeTracedTheStepSaysSoAndTheRestOfTheLessonRuns(FxRobot robot) throws Exception {
        String why = "corelanes trace needs Linux for now (this test's system cannot trace).";
        robot.interact(() -> window.lessonFlow().ownCode().cannotTrace(() -> why));
        openLesson(robot);
        assertTrue(ownStatus(robot).contains(why) && ownStatus(robot).contains("The other steps run as usual"),
                ownStatus(robot));
        runStep(robot, 1);
        assertEquals("1 of 2 steps ran", runStepText(robot));
        assertTrue(robot.lookup("#lessonRunStep").queryAs(Button.class).isDisabled());
        String measured = robot.lookup("#lessonMeasured").queryAs(Label.class).getText();
        assertTrue(measured.contains("Step 2 (your program): skipped — " + why), measured);
        LessonReport report = robot.lookup("#lessonCard").queryAs(LessonCard.class).report();
        assertTrue(report.complete(), "the lesson is done without the step");
        assertFalse(report.verdict().isEmpty(), "step 1 is still checked: " + report.text());
        assertEquals(1, session.runs().size());
    }
}
