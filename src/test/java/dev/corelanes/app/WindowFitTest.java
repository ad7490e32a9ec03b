package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing on screen ends in "…": every visible label, button, table cell and drop-down is walked at the
 * classroom sizes (1280×720, 1366×768, 1920×1080), at normal type and after Ctrl+plus twice, after a compute
 * run, after a lesson's runs are compared, and in presenter mode. Run and Cancel stay on screen throughout.
 */
@ExtendWith(ApplicationExtension.class)
class WindowFitTest {

    private static final double[][] SIZES = {{1280, 720}, {1366, 768}, {1920, 1080}};

    private TestWindow ui;
    private RunSession session;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setX(0);
        stage.setY(0);
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

    /** Every size, at normal type and two steps larger; then back to 1280×720 and normal type. */
    private List<String> cutTextEverywhere(FxRobot robot, String when) {
        List<String> all = new ArrayList<>();
        for (int larger = 0; larger <= 2; larger += 2) {
            for (double[] size : SIZES) {
                robot.interact(() -> {
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> window.scene().getRoot().layout());
                String where = when + " at " + (int) size[0] + "×" + (int) size[1]
                        + (larger > 0 ? " after Ctrl+plus ×2" : "");
                for (String cut : Truncations.in(window.scene().getRoot())) {
                    all.add(where + ": " + cut);
                }
                assertReachable(robot, "#runButton", where);
                assertReachable(robot, "#cancelButton", where);
            }
            if (larger == 0) {
                robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
                robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
                WaitForAsyncUtils.waitForFxEvents();
                assertTrue(window.fontScaleProperty().get() >= 1.2, "Ctrl+plus twice: " + window.fontScaleProperty().get());
            }
        }
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return all;
    }

    /** The button lies wholly inside the window, not scrolled or pushed out of it. */
    private void assertReachable(FxRobot robot, String id, String where) {
        var b = robot.lookup(id).queryAs(Button.class);
        var r = b.localToScene(b.getLayoutBounds());
        var scene = window.scene();
        assertTrue(b.isVisible() && r.getMinY() >= 0 && r.getMaxY() <= scene.getHeight() + 0.5
                && r.getMinX() >= 0 && r.getMaxX() <= scene.getWidth() + 0.5, id + " off screen " + where + ": " + r);
    }

    @Test
    void noTextIsCutAfterARunALessonComparisonAndInPresenterMode(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        List<String> cut = new ArrayList<>(cutTextEverywhere(robot, "idle"));

        UserActions.pick(robot, "#kindChoice", "Compute");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "4");
        UserActions.type(robot, "#secondsSpinner", "0.2");
        robot.clickOn("#runButton");
        ui.waitRun(1);
        // Cores → Workers → Cores once collapsed the oversubscription caption to "…".
        robot.clickOn("#perWorkerToggle");
        robot.clickOn("#perCoreToggle");
        cut.addAll(cutTextEverywhere(robot, "after a compute run"));

        Lesson gil = Lessons.byId("cpu-python").orElseThrow();
        robot.clickOn("Lessons");
        robot.clickOn(gil.title());
        for (int step = 0; step < gil.steps().size(); step++) {
            robot.clickOn("#lessonRunStep");
            ui.waitRun(step + 2);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.timeline().compared().size() == 2);
        cut.addAll(cutTextEverywhere(robot, "in the GIL lesson's comparison"));

        robot.push(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.presenterProperty().get(), "F11 turns presenter mode on");
        robot.interact(() -> window.scene().getRoot().layout());
        for (String c : Truncations.in(window.scene().getRoot())) {
            cut.add("presenter mode: " + c);
        }
        // Presenter mode scrolls the comparison into view: the lane buttons above it are scrolled back to.
        robot.drag(robot.lookup("#centreScroll .scroll-bar:vertical .thumb").queryAs(javafx.scene.Node.class))
                .moveBy(0, -700).release(javafx.scene.input.MouseButton.PRIMARY);
        robot.clickOn("#perWorkerToggle");
        robot.interact(() -> window.scene().getRoot().layout());
        for (String c : Truncations.in(window.scene().getRoot())) {
            cut.add("presenter mode, workers: " + c);
        }
        assertEquals(List.of(), cut, "text cut off:\n" + String.join("\n", cut));
    }

    /**
     * A teacher opens a lesson, runs its steps from the card and goes to presenter mode on a 1280×720,
     * 1366×768 and 1920×1080 projector: the comparison is on screen, its run lines (with their speedups) and
     * its legend are not cut, no label is cut, and every text of the window — the smallest included — is
     * scaled with the projector, as is the Predict dialog.
     */
    @Test
    void presenterModeFitsEveryProjectorWithALessonsComparisonOnScreen(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        Lesson gil = Lessons.byId("cpu-python").orElseThrow();
        robot.clickOn("Lessons");
        robot.clickOn(gil.title());
        for (int step = 0; step < gil.steps().size(); step++) {
            robot.clickOn("#lessonRunStep");
            ui.waitRun(step + 1);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.timeline().compared().size() == 2);
        robot.push(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.presenterProperty().get(), "F11 turns presenter mode on");
        List<String> wrong = new ArrayList<>();
        for (double[] size : SIZES) {
            String where = "presenter mode at " + (int) size[0] + "×" + (int) size[1];
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            // The zoom settles over a pulse or two (see TimelineZoomFit).
            for (int i = 0; i < 5; i++) {
                WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
                WaitForAsyncUtils.waitForFxEvents();
            }
            var scene = window.scene();
            assertEquals(size[1], scene.getHeight(), 1.5, where + ": the window is the projector's size");
            for (String c : Truncations.in(scene.getRoot())) {
                wrong.add(where + ": " + c);
            }
            var frame = window.timeline().frame();
            double reach = TimelineZoomFit.widest(frame);
            if (reach > frame.width() + 0.5) {
                wrong.add(where + ": a timeline text reaches " + reach + " px of a " + frame.width()
                        + " px wide comparison (run line or legend cut)");
            }
            // Every key of the legend is there: at 1280×720 "process" (the key to hatched bars) was dropped.
            var keys = frame.shapes().stream().filter(sh -> sh instanceof dev.corelanes.view.Shape.Text)
                    .map(sh -> ((dev.corelanes.view.Shape.Text) sh).text()).toList();
            for (String key : List.of("sleeping", "GIL wait", "preempted", "thread", "process")) {
                if (!keys.contains(key)) {
                    wrong.add(where + ": the legend has no '" + key + "' key");
                }
            }
            var t = window.timeline().localToScene(window.timeline().getLayoutBounds());
            if (t.getMinY() < 0 || t.getMinY() > scene.getHeight() - 120) {
                wrong.add(where + ": the comparison is not on screen (timeline top at " + t.getMinY() + ")");
            }
            // Scaled together: the smallest text of the window grows with the projector (1.3× the normal
            // type on a 1280×720 one, in proportion on a larger one).
            double projector = Math.min(size[0] / 1280, size[1] / 720);
            double smallest = smallestText(scene.getRoot());
            double normalSmallest = 0.9 * 14;
            if (smallest < normalSmallest * 1.3 * projector * 0.97) {
                wrong.add(where + ": the smallest text is " + smallest + " px, not scaled with the projector");
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));

        // The Predict dialog reads like the window behind it.
        robot.clickOn("Teach");
        robot.clickOn("Predict before each run");
        robot.clickOn("#runButton");
        var field = robot.lookup("#predictionField").queryAs(javafx.scene.control.TextField.class);
        double rootPx = window.scene().getRoot().getStyle().isEmpty() ? 14
                : Double.parseDouble(window.scene().getRoot().getStyle().replaceAll("[^0-9.]", ""));
        double fieldPx = field.getFont().getSize();
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(rootPx, fieldPx, 0.6, "the Predict dialog's type is the window's (" + rootPx + " px)");
    }

    /** The smallest font size of any visible text (labels, buttons, cells) under {@code n}. */
    private static double smallestText(javafx.scene.Node n) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return Double.MAX_VALUE;
        }
        double least = Double.MAX_VALUE;
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isBlank()) {
            least = l.getFont().getSize();
        }
        if (n instanceof javafx.scene.Parent p) {
            for (var c : p.getChildrenUnmodifiable()) {
                least = Math.min(least, smallestText(c));
            }
        }
        return least;
    }
}
