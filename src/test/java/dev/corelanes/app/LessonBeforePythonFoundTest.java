package dev.corelanes.app;

import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.fixtures.Needs;
import dev.corelanes.hardware.Hardware;
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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python lesson chosen while the window is still looking for interpreters (`window --lesson`, a quick click) says
 * no "none can be used" of a search still going: its Python is chosen when the search ends.
 */
@ExtendWith(ApplicationExtension.class)
class LessonBeforePythonFoundTest {

    private final CountDownLatch searchMayEnd = new CountDownLatch(1);
    private RunSession session;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        window = new MainWindow(session, TestPrefs.fresh(), FileAsker.system());
        window.runtimes().discoverWith(() -> {
            try {
                searchMayEnd.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PythonInterpreters.discover();
        });
        TestWindow.show(stage, session, window, 1280, 720);
    }

    @AfterEach
    void close() {
        searchMayEnd.countDown();
        session.close();
    }

    @AfterAll
    static void clean() {
        TestPrefs.removeAll();
    }

    @Test
    void aPythonLessonOpenedDuringTheSearchTakesItsPythonWhenTheSearchEnds(FxRobot robot) throws Exception {
        Needs.tool("python3");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.machineProperty().get() != null);
        robot.clickOn("Lessons");
        robot.clickOn("#lesson-do-something-python");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ChoiceBox<RuntimeChooser.Option> runtime = robot.lookup("#runtimeChoice").queryAs(ChoiceBox.class);
        assertFalse(robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && l.isVisible()
                        && l.getText() != null && l.getText().contains("none can be used")).tryQuery().isPresent(),
                "no \"none can be used\" while the search goes on");
        assertEquals(null, runtime.getValue().python(), "still Java: nothing found yet");
        searchMayEnd.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runtime.getValue() != null && runtime.getValue().python() != null);
        assertTrue(runtime.getValue().python().path().length() > 0, "the lesson's step runs in the Python found");
    }

    @Test
    void aStepRunDuringTheSearchRunsInPythonOnceItEndsAndOnlyOnce(FxRobot robot) throws Exception {
        Needs.tool("python3");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.machineProperty().get() != null);
        robot.clickOn("Lessons");
        robot.clickOn("#lesson-do-something-python");
        robot.clickOn("#lessonRunStep");
        robot.clickOn("#lessonRunStep"); // impatient: a second click must not start a second run
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && l.isVisible()
                        && l.getText() != null && l.getText().contains("none can be used")).tryQuery().isPresent(),
                "no \"none can be used, try again\" while the search goes on");
        assertEquals(0, session.runs().size(), "nothing runs before a Python is found");
        searchMayEnd.countDown();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> session.runs().size() == 1 && session.runs().get(0).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, session.runs().size(), "one click's run, once");
        assertTrue(session.runs().get(0).trace().runtime().python(), "run in the Python found");
    }
}
