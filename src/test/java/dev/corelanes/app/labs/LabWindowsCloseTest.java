package dev.corelanes.app.labs;

import dev.corelanes.app.MainWindow;
import dev.corelanes.app.RunSession;
import dev.corelanes.hardware.Hardware;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Optional;

import static dev.corelanes.app.labs.LabRobot.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each lab opened from the Labs menu fits the screen (the tests' screen is 1280×720) with its foot row — the
 * exports and Close — in view, is resizable, and closes with its Close button and with Esc.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowsCloseTest {

    private static final List<String[]> LABS = List.of(
            new String[] {"Memory lab — threads share memory, a process has its own", "Memory lab"},
            new String[] {"Overhead lab — what a thread and a process cost", "Overhead lab"},
            new String[] {"Scaling lab — speedup vs cores, with Amdahl's law", "Scaling lab"});

    private RunSession session;
    private Stage mainStage;

    @Start
    void start(Stage stage) {
        mainStage = stage;
        session = new RunSession(Hardware.detect());
        new MainWindow(session, dev.corelanes.app.TestPrefs.fresh(), dev.corelanes.app.FileAsker.system()).install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().contains("lab —")).toList().forEach(Window::hide));
        session.close();
    }

    private static Optional<Stage> lab(String start) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && w.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith(start)).map(w -> (Stage) w).findFirst();
    }

    private void open(FxRobot robot, String[] lab) throws Exception {
        robot.clickOn("#labsButton").clickOn(lab[0]);
        waitUntil(30, () -> lab(lab[1]).isPresent());
        robot.interact(() -> { }); // its first layout
    }

    @Test
    void everyLabFitsTheScreenAndClosesWithCloseAndWithEsc(FxRobot robot) throws Exception {
        var screen = Screen.getPrimary().getVisualBounds();
        for (String[] lab : LABS) {
            open(robot, lab);
            Stage s = lab(lab[1]).orElseThrow();
            assertTrue(s.isResizable(), lab[1] + " is resizable");
            assertTrue(s.getHeight() <= screen.getHeight() && s.getY() >= screen.getMinY()
                    && s.getY() + s.getHeight() <= screen.getMaxY() + 0.5,
                    lab[1] + " fits a " + screen.getWidth() + "×" + screen.getHeight() + " screen: y " + s.getY()
                            + ", height " + s.getHeight());
            Node close = robot.from(s.getScene().getRoot()).lookup("#closeLabButton").query();
            Bounds b = close.localToScene(close.getLayoutBounds());
            assertTrue(close.isVisible() && b.getMaxY() <= s.getScene().getHeight() + 0.5
                    && b.getMaxX() <= s.getScene().getWidth() + 0.5, lab[1] + ": Close is in view: " + b);
            robot.clickOn(close);
            waitUntil(10, () -> lab(lab[1]).isEmpty());

            open(robot, lab);
            Stage again = lab(lab[1]).orElseThrow();
            robot.interact(again::requestFocus);
            robot.push(KeyCode.ESCAPE);
            waitUntil(10, () -> lab(lab[1]).isEmpty());
        }
    }

    /** The size of the type a node is set in, as laid out. */
    private static double typeOf(Node n) {
        return ((javafx.scene.control.Labeled) n).getFont().getSize();
    }

    @Test
    void aLabsTypeIsAsLargeAsTheMainWindowsAndFollowsIt(FxRobot robot) throws Exception {
        // Larger text twice (Ctrl+plus as a user picks it from the View menu), then a lab: its type is as large.
        robot.clickOn("View").clickOn("Larger text");
        robot.clickOn("View").clickOn("Larger text");
        double main = typeOf(robot.lookup("#runButton").query());
        open(robot, LABS.get(1));
        Stage s = lab("Overhead lab").orElseThrow();
        Node close = robot.from(s.getScene().getRoot()).lookup("#closeLabButton").query();
        robot.interact(() -> { });
        assertTrue(Math.abs(typeOf(close) - main) < 0.6, "lab's Close in " + typeOf(close) + " px, the main "
                + "window's Run in " + main + " px");
        assertTrue(main > 15, "the main window's type grew: " + main);

        // Back to normal size while the lab is open: the lab follows.
        robot.interact(() -> {
            s.setX(mainStage.getX() + mainStage.getWidth() - 200); // the lab aside, the main window's menu in reach
            mainStage.toFront();
            mainStage.requestFocus();
        });
        robot.clickOn("View").clickOn("Normal text size");
        robot.interact(() -> { });
        double after = typeOf(robot.lookup("#runButton").query());
        assertTrue(after < main, "the main window's type shrank: " + after);
        assertTrue(Math.abs(typeOf(close) - after) < 0.6, "the lab followed: " + typeOf(close) + " vs " + after);
    }
}
