package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.Traces;
import dev.corelanes.hardware.Hardware;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost by a click: Clear runs asks first and can be undone until the window closes; a run opened
 * from a file is kept like the others, never duplicated, never renumbered after a restart.
 */
@ExtendWith(ApplicationExtension.class)
class ClearRunsUndoTest {

    @TempDir
    static Path home;
    private Path dir;
    private RunSession session;
    private MainWindow window;
    private Stage stage;
    private final AnsweringAsker asker = new AnsweringAsker();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dir = home.resolve("runs");
        open();
        stage.show();
    }

    private void open() {
        session = new RunSession(Hardware.detect());
        window = new MainWindow(session, TestPrefs.fresh(), asker, new RunStore(dir));
        window.install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @AfterEach
    void close() {
        session.close();
        TestPrefs.removeAll();
    }

    private long files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-")).count();
        }
    }

    private List<Integer> numbers() {
        return session.runs().stream().map(RunRow::number).toList();
    }

    private void openFile(FxRobot robot, Path file) {
        asker.answer(file);
        robot.clickOn("File");
        robot.clickOn("Open run…");
        WaitForAsyncUtils.waitForFxEvents();
        await(() -> !window.files().opening());
    }

    private static void await(java.util.concurrent.Callable<Boolean> c) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DialogPane clearDialog(FxRobot robot) {
        robot.clickOn("File");
        robot.clickOn("#clearRunsItem");
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#clearRunsDialog").queryAs(DialogPane.class);
    }

    @Test
    void clearAsksFirstUndoBringsTheRunsBackAndAnOpenedRunKeepsItsPlace(FxRobot robot) throws Exception {
        await(() -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        robot.interact(() -> window.apply(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.1, false)));
        robot.clickOn("#runButton");
        await(() -> files() == 1 && !window.kept().busy());

        // A run from elsewhere (a colleague's file) is kept like the others, once.
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere")).resolve("lesson.json");
        RunFile.write(Traces.compute(ExecutionMode.PROCESSES, 2), elsewhere);
        openFile(robot, elsewhere);
        await(() -> files() == 2 && !window.kept().busy());
        assertEquals(List.of(1, 2), numbers());
        openFile(robot, elsewhere);
        assertEquals(List.of(1, 2), numbers(), "opening a run already in the table adds no second row");
        assertTrue(window.messages().text().contains("#2"), window.messages().text());

        // Clear asks first, naming the runs; Cancel changes nothing.
        DialogPane ask = clearDialog(robot);
        assertTrue(ask.getHeaderText().contains("2 runs"), ask.getHeaderText());
        robot.clickOn("#clearRunsCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(1, 2), numbers(), "cancelled: nothing cleared");
        assertEquals(2, files());

        clearDialog(robot);
        robot.clickOn("#clearRunsOk");
        await(() -> !window.kept().busy());
        assertEquals(List.of(), numbers());
        assertEquals(0, files(), "the kept files left the runs folder");

        // Undo, from the message bar.
        robot.clickOn("#messageAction");
        await(() -> !window.kept().busy());
        assertEquals(List.of(1, 2), numbers(), "Undo brings both runs back under their numbers");
        assertEquals(2, files(), "and their files");

        // A restart: the opened run is there too, under its number; a new run takes the next one.
        robot.interact(() -> {
            session.close();
            open();
        });
        await(() -> session.runs().size() == 2);
        assertEquals(List.of(1, 2), numbers(), "after a restart: the same runs, the same numbers");
        assertEquals(ExecutionMode.PROCESSES, session.runs().get(1).spec().mode());
        await(() -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#runButton");
        await(() -> files() == 3 && !window.kept().busy());
        assertEquals(List.of(1, 2, 3), numbers(), "no number is reused");

        // Clear again, then Ctrl+Z; then a clear that the window's closing makes final.
        clearDialog(robot);
        robot.clickOn("#clearRunsOk");
        await(() -> !window.kept().busy());
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        await(() -> !window.kept().busy());
        assertEquals(List.of(1, 2, 3), numbers(), "Ctrl+Z undoes the clear too");
        clearDialog(robot);
        robot.clickOn("#clearRunsOk");
        await(() -> !window.kept().busy() && files() == 0);
        robot.interact(window::quit);
        await(() -> !stage.isShowing());
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("run-")).count(),
                    "closing the window deleted what was cleared");
        }
    }
}
