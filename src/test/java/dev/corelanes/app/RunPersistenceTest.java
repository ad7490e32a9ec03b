package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.hardware.Hardware;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A finished run is kept the moment it ends, comes back in a new window, and File ▸ Clear runs removes it. */
@ExtendWith(ApplicationExtension.class)
class RunPersistenceTest {

    private static Path dir;
    private RunSession session;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        if (dir == null) {
            dir = Files.createTempDirectory("corelanes-runs-test");
        }
        open();
        stage.show();
    }

    private void open() {
        session = new RunSession(Hardware.detect());
        window = new MainWindow(session, TestPrefs.fresh(), FileAsker.system(), new RunStore(dir));
        window.install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @AfterAll
    static void clean() throws IOException {
        TestPrefs.removeAll();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-")).count();
        }
    }

    @Test
    void aFinishedRunIsKeptComesBackAfterARestartAndClearRunsRemovesIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        robot.interact(() -> window.apply(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.2, false)));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> files() == 1);
        assertEquals(TaskStatus.COMPLETED, session.runs().get(0).trace().status());

        // A restart: a new session and window on the same folder.
        robot.interact(() -> {
            session.close();
            open();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runs().size() == 1);
        assertEquals(ExecutionMode.THREADS, session.runs().get(0).spec().mode(), "the run is back in the table");
        assertEquals(2, session.runs().get(0).trace().spec().tasks());
        // The README promises no "completed · …": a restored run's row, status included, is shown whole.
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.scene().getRoot().layout());
        javafx.scene.control.TableView<?> table = robot.lookup("#runsTable").queryAs(javafx.scene.control.TableView.class);
        assertTrue(session.runs().get(0).statusProperty().get().startsWith("completed · "),
                session.runs().get(0).statusProperty().get());
        assertEquals(java.util.List.of(), Truncations.in(table), "a restored run's row is shown whole");

        robot.clickOn("File");
        robot.clickOn("#clearRunsItem");
        robot.clickOn("#clearRunsOk");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files() == 0);
        assertEquals(0, session.runs().size(), "the table is empty");
    }

    private String speedupCell(FxRobot robot, int row) {
        javafx.scene.control.TableView<?> table = robot.lookup("#runsTable").queryAs(javafx.scene.control.TableView.class);
        return table.getColumns().stream().filter(c -> c.getText().equals("Speedup")).findFirst()
                .map(c -> String.valueOf(c.getCellData(row))).orElseThrow();
    }

    private java.util.List<dev.corelanes.engine.Trace> kept() throws Exception {
        java.util.List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("run-")).sorted().toList();
        }
        java.util.List<dev.corelanes.engine.Trace> out = new java.util.ArrayList<>();
        for (Path f : files) {
            out.add(dev.corelanes.engine.files.RunFile.read(f));
        }
        return out;
    }

    @Test
    void eachRunShowsTheFiguresOfItsRunFileBeforeAndAfterARestart(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        long before = files();
        for (ExecutionMode mode : new ExecutionMode[] {ExecutionMode.SEQUENTIAL, ExecutionMode.THREADS}) {
            robot.interact(() -> window.apply(ExperimentSpec.of(mode, TaskKind.SLEEP, 2, 0.2, false)));
            robot.clickOn("#runButton");
            long n = before + (mode == ExecutionMode.SEQUENTIAL ? 1 : 2);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> files() == n);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runs().size() == n
                    && session.runs().get((int) n - 1).figures() != null);
        }
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<dev.corelanes.engine.Trace> files = kept();
        int rows = session.runs().size();
        java.util.List<String> shown = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            dev.corelanes.engine.RunFigures file = dev.corelanes.engine.RunFigures.of(files.get(i));
            assertEquals(file, session.runs().get(i).figures(), "run " + (i + 1) + ": the window's figures are its file's");
            assertEquals(dev.corelanes.engine.FigureText.speedupCell(file), speedupCell(robot, i));
            shown.add(speedupCell(robot, i));
        }
        dev.corelanes.engine.RunFigures threads = session.runs().get(rows - 1).figures();
        assertEquals(dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN, threads.baseline(),
                "a sleep run compares with the sequential sleep made before it");
        assertEquals(files.get(rows - 2).wallNanos(), threads.baselineRun().wallNanos());

        robot.interact(() -> {
            session.close();
            open();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.runs().size() == rows
                && session.runs().stream().allMatch(r -> r.figures() != null));
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < rows; i++) {
            assertEquals(dev.corelanes.engine.RunFigures.of(files.get(i)), session.runs().get(i).figures(),
                    "run " + (i + 1) + " after the restart");
            assertEquals(shown.get(i), speedupCell(robot, i), "run " + (i + 1) + "'s cell after the restart");
        }
        robot.clickOn(robot.lookup(".table-row-cell").nth(rows - 1).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("speedup " + dev.corelanes.engine.FigureText.speedup(threads),
                robot.lookup("#wallSpeedup").queryAs(javafx.scene.control.Label.class).getText());

        robot.clickOn("File");
        robot.clickOn("#clearRunsItem");
        robot.clickOn("#clearRunsOk");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files() == 0);
    }
}
