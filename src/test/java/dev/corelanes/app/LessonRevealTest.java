package dev.corelanes.app;

import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import javafx.scene.control.Label;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With Teach ▸ Predict on, every step of a lesson reveals its prediction, the last one too: the comparison of
 * the lesson's runs comes after (below) the reveal instead of replacing it.
 */
@ExtendWith(ApplicationExtension.class)
class LessonRevealTest {

    private TestWindow ui;

    @Start
    void start(Stage stage) {
        ui = TestWindow.show(stage);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    @Test
    void theLastStepRevealsItsPredictionAboveTheComparison(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        robot.clickOn("Teach");
        robot.clickOn("Predict before each run");
        Lesson l = Lessons.byId("do-something").orElseThrow(); // sequential, then two threads (sleep 1 s)
        robot.clickOn("Lessons");
        robot.clickOn(l.title());
        String[] predictions = {"2", "1.5"};
        for (int step = 0; step < l.steps().size(); step++) {
            robot.clickOn("#lessonRunStep");
            robot.clickOn("#predictionField").write(predictions[step]);
            robot.clickOn("#predictOk");
            ui.waitRun(step + 1);
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                        () -> robot.lookup("#predictionCard").query().isVisible());
            } catch (java.util.concurrent.TimeoutException e) {
                fail("step " + (step + 1) + " of " + l.steps().size() + " shows no reveal");
            }
            assertEquals(String.format("%.2f s", Double.parseDouble(predictions[step])),
                    robot.lookup("#predictedValue").queryAs(Label.class).getText(), "step " + (step + 1) + " revealed");
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.window.timeline().compared().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#predictionCard").query().isVisible(), "the last step's reveal stays on screen");
        assertEquals("1.50 s", robot.lookup("#predictedValue").queryAs(Label.class).getText());
        double revealBottom = robot.lookup("#predictionCard").query().localToScene(0, 0).getY()
                + robot.lookup("#predictionCard").query().getBoundsInLocal().getHeight();
        double timelineTop = ui.window.timeline().localToScene(0, 0).getY();
        assertTrue(revealBottom <= timelineTop, "the comparison comes after the reveal: " + revealBottom + " / "
                + timelineTop);
    }
}
