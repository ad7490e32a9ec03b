package dev.corelanes.app;

import dev.corelanes.hardware.Hardware;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window appears with its opening frame before its content is built, then fills in with Run focused. */
@ExtendWith(ApplicationExtension.class)
class OpeningFrameTest {

    private Stage stage;
    private RunSession session;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.close();
        }
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWindowIsUpBeforeItsContentIsBuiltAndThenShowsTheMainWindowWithRunFocused(FxRobot robot) throws Exception {
        AtomicBoolean builtDuringShow = new AtomicBoolean();
        AtomicBoolean upBeforeBuild = new AtomicBoolean();
        AtomicReference<String> firstRoot = new AtomicReference<>();
        AtomicReference<MainWindow> window = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            OpeningFrame.show(stage, true, MainWindow.FIRST_WIDTH, MainWindow.FIRST_HEIGHT, () -> {
                upBeforeBuild.set(stage.isShowing());
                session = new RunSession(Hardware.detect());
                MainWindow w = new MainWindow(session, TestPrefs.fresh(), FileAsker.system());
                w.install(stage);
                window.set(w);
            });
            builtDuringShow.set(window.get() != null);
            firstRoot.set(stage.getScene().getRoot().getId());
        }).get(10, TimeUnit.SECONDS);
        assertFalse(builtDuringShow.get(), "the content is built after the first frame, not while the window opens");
        assertEquals("openingFrame", firstRoot.get());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(upBeforeBuild.get(), "the window was on screen while its content was built");
        assertSame(window.get().scene(), stage.getScene());
        Button run = robot.lookup("#runButton").queryAs(Button.class);
        assertSame(run, stage.getScene().getFocusOwner(), "Enter runs at once: Run has the focus");
    }
}
