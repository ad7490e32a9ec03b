package dev.corelanes.app;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.teach.Lessons;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The experiment panel's Cores control and the one-core lesson, clicked as a user clicks them. */
@ExtendWith(ApplicationExtension.class)
class CoreLimitWindowTest {

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

    /** Run, and the Cores choice too: it is filled once the machine is read. */
    private void waitReady(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#coresChoice").queryAs(ChoiceBox.class).isDisabled());
    }

    private static Set<Integer> cores(Trace t) {
        return t.spans().stream().filter(s -> s.state() == SpanState.RUNNING && s.hasCore()).map(Span::core)
                .collect(Collectors.toSet());
    }

    @Test
    void oneCoreChosenInThePanelPinsTheRun(FxRobot robot) throws Exception {
        assumeTrue(Host.affinity().supported(), Host.affinity().unsupportedReason());
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 usable CPUs");
        waitReady(robot);
        UserActions.pick(robot, "#kindChoice", "Compute");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.1");
        UserActions.pick(robot, "#coresChoice", "1 core");
        assertEquals(1, window.form().coresProperty().get());
        robot.clickOn("#runButton");
        Trace t = ui.waitRun(1);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(1, t.machine().pinnedCpus().size());
        assertEquals(1, RunFigures.of(t).usableCores());
        assertEquals(Set.copyOf(t.machine().pinnedCpus()), cores(t));
    }

    @Test
    void aOneCoreAndATwoCoreRunNeverLookAlike(FxRobot robot) throws Exception {
        assumeTrue(Host.affinity().supported(), Host.affinity().unsupportedReason());
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 usable CPUs");
        waitReady(robot);
        UserActions.pick(robot, "#kindChoice", "Compute");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.1");
        UserActions.pick(robot, "#coresChoice", "1 core");
        robot.clickOn("#runButton");
        Trace one = ui.waitRun(1);
        waitReady(robot);
        UserActions.pick(robot, "#coresChoice", "All usable");
        robot.clickOn("#runButton");
        Trace all = ui.waitRun(2);
        int cpu = one.machine().pinnedCpus().get(0);
        String oneCore = "1 core (CPU " + cpu + ")";
        String allCores = Runtime.getRuntime().availableProcessors() + " cores";

        // The runs table says each run's cores, and the header the selected run's.
        assertEquals(oneCore, cell(robot, 0, "Cores"));
        assertEquals(allCores, cell(robot, 1, "Cores"));
        assertEquals("Run #2: " + all.spec().describe() + " · " + allCores,
                robot.lookup("#wallRun").queryAs(javafx.scene.control.Label.class).getText());

        // Both selected, stacked on one axis: each run's own header names its cores.
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.press(javafx.scene.input.KeyCode.SHIFT);
        robot.clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(javafx.scene.Node.class));
        robot.release(javafx.scene.input.KeyCode.SHIFT);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.timeline().compared().size() == 2
                && window.timeline().frame() != null);
        Set<String> texts = window.timeline().frame().shapes().stream()
                .filter(s -> s instanceof dev.corelanes.view.Shape.Text).map(s -> ((dev.corelanes.view.Shape.Text) s).text())
                .collect(Collectors.toSet());
        assertTrue(texts.contains("threads · " + oneCore), texts.toString());
        assertTrue(texts.contains("threads · " + allCores), texts.toString());
    }

    private static String cell(FxRobot robot, int row, String column) {
        javafx.scene.control.TableView<?> table = robot.lookup("#runsTable").queryAs(javafx.scene.control.TableView.class);
        return table.getColumns().stream().filter(c -> c.getText().equals(column)).findFirst()
                .map(c -> String.valueOf(c.getCellData(row))).orElseThrow(() -> new AssertionError("no column " + column));
    }

    @Test
    void theOneCoreLessonRunsOnOneCoreThenTwo(FxRobot robot) throws Exception {
        assumeTrue(Host.affinity().supported(), Host.affinity().unsupportedReason());
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 usable CPUs");
        waitReady(robot);
        robot.interact(() -> window.startLesson(Lessons.byId("one-core").orElseThrow()));
        assertEquals(1, window.form().coresProperty().get());
        assertEquals("1 core", robot.lookup("#coresChoice").queryAs(ChoiceBox.class).getConverter()
                .toString(robot.lookup("#coresChoice").queryAs(ChoiceBox.class).getValue()));
        robot.clickOn(window.lessonCard().runStepButton());
        Trace one = ui.waitRun(1);
        waitReady(robot);
        robot.clickOn(window.lessonCard().runStepButton());
        Trace two = ui.waitRun(2);
        assertEquals(TaskKind.COMPUTE, one.spec().kind());
        assertEquals(1, RunFigures.of(one).usableCores());
        assertEquals(1, cores(one).size(), "both tasks on the one lane");
        assertEquals(2, RunFigures.of(two).usableCores());
        assertEquals(2.0, RunFigures.of(one).idealSeconds(), 1e-9);
        assertEquals(1.0, RunFigures.of(two).idealSeconds(), 1e-9);
    }

    @Test
    void aDemoOfTheOneCoreLessonStartedAtOnceRunsItsFirstStepOnOneCore(FxRobot robot) throws Exception {
        assumeTrue(Host.affinity().supported(), Host.affinity().unsupportedReason());
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 usable CPUs");
        // `corelanes window --lesson one-core --run`: the step is asked for before the machine and the OS's
        // affinity call are known, and must still run pinned to one core.
        RunSession demo = new RunSession(dev.corelanes.hardware.Hardware.detect());
        Stage[] stage = new Stage[1];
        try {
            robot.interact(() -> {
                stage[0] = new Stage();
                MainWindow w = new MainWindow(demo, TestPrefs.fresh(), FileAsker.system());
                // As on a cold start, the affinity call is known well after the machine (it loads native code).
                w.affinitySource(() -> {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Host.affinity();
                });
                w.install(stage[0]);
                stage[0].setWidth(1280);
                stage[0].setHeight(720);
                stage[0].show();
                w.prepare(null, Lessons.byId("one-core").orElseThrow(), true);
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> demo.runs().size() >= 1 && demo.runs().get(0).trace() != null);
            Trace first = demo.runs().get(0).trace();
            assertEquals(1, first.machine().usableCores(), "the first step of a demo runs on one core");
            assertEquals(java.util.List.of(first.machine().pinnedCpus().get(0)), first.machine().pinnedCpus());
        } finally {
            demo.close();
            robot.interact(() -> {
                if (stage[0] != null) {
                    stage[0].close();
                }
            });
        }
    }
}
