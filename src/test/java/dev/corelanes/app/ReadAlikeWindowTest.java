package dev.corelanes.app;

import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.SleepRuns;
import dev.corelanes.hardware.Hardware;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The window shows a Python run and a Java run measured to the same nanoseconds in the same words: the header's
 * CPU line and every cell of the runs table but the ones that name the runtime.
 */
@ExtendWith(ApplicationExtension.class)
class ReadAlikeWindowTest {

    @TempDir
    Path dir;

    private final AnsweringAsker asker = new AnsweringAsker();
    private RunSession session;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        window = new MainWindow(session, TestPrefs.fresh(), asker);
        TestWindow.show(stage, session, window, 1280, 720);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    /** File ▸ Open run…, answered with {@code t} saved as a run file; returns the header's CPU line. */
    private String open(FxRobot robot, Trace t, String name) throws Exception {
        Path file = dir.resolve(name);
        RunFile.write(t, file);
        asker.answer(file);
        robot.clickOn("File");
        robot.clickOn("Open run…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.files().opening());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#wallCpu").queryAs(Label.class).getText();
    }

    private static String cell(FxRobot robot, int row, String column) {
        TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
        return table.getColumns().stream().filter(c -> c.getText().equals(column)).findFirst()
                .map(c -> String.valueOf(c.getCellData(row))).orElseThrow(() -> new AssertionError("no column " + column));
    }

    @Test
    void aPythonRunAndAJavaRunOfTheSameNanosecondsReadTheSame(FxRobot robot) throws Exception {
        String java = open(robot, SleepRuns.java(), "java.json");
        String python = open(robot, SleepRuns.python(), "python.json");
        assertEquals(2, session.runs().size());
        assertEquals("CPU time 3.21 ms: tasks 1.16 ms + runtime 2.05 ms", python);
        assertEquals(java, python);
        for (String column : new String[] {"Cores", "Workload", "Wall", "Task CPU", "Speedup"}) {
            assertEquals(cell(robot, 0, column), cell(robot, 1, column), column);
        }
        assertEquals("1.16 ms", cell(robot, 1, "Task CPU"));
    }
}
