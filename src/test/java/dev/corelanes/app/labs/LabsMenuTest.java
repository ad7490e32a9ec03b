package dev.corelanes.app.labs;

import dev.corelanes.app.MainWindow;
import dev.corelanes.app.RunSession;
import dev.corelanes.hardware.Hardware;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static dev.corelanes.app.labs.LabRobot.waitUntil;

/** The main window's one entry to the labs opens each in a window of its own. */
@ExtendWith(ApplicationExtension.class)
class LabsMenuTest {

    private RunSession session;
    private Stage main;

    @Start
    void start(Stage stage) {
        main = stage;
        session = new RunSession(Hardware.detect());
        new MainWindow(session, dev.corelanes.app.TestPrefs.fresh(), dev.corelanes.app.FileAsker.system()).install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        hideLabs(robot);
        session.close();
    }

    private static void hideLabs(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().contains("lab —")).toList().forEach(Window::hide));
    }

    private boolean windowTitled(String start) {
        return Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && w.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith(start));
    }

    @Test
    void theLabsMenuOpensBothLabs(FxRobot robot) throws Exception {
        robot.clickOn("#labsButton").clickOn("Memory lab — threads share memory, a process has its own");
        waitUntil(30, () -> windowTitled("Memory lab"));
        hideLabs(robot); // it opens over the main window, where the robot clicks next
        robot.clickOn("#labsButton").clickOn("Overhead lab — what a thread and a process cost");
        waitUntil(30, () -> windowTitled("Overhead lab"));
    }

    @Test
    void closingTheMainWindowClosesTheLabs(FxRobot robot) throws Exception {
        robot.clickOn("#labsButton").clickOn("Memory lab — threads share memory, a process has its own");
        waitUntil(30, () -> windowTitled("Memory lab"));
        robot.interact(main::hide);
        waitUntil(30, () -> !windowTitled("Memory lab"));
    }
}
