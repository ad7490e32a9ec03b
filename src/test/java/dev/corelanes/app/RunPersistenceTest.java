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

        robot.clickOn("File");
        robot.clickOn("Clear runs");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files() == 0);
        assertEquals(0, session.runs().size(), "the table is empty");
    }
}
