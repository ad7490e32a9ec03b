package dev.corelanes.app;

import dev.corelanes.engine.Trace;
import dev.corelanes.hardware.Hardware;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The main window as the UI tests open it: a session on this machine's hardware, settings of its own (never
 * the user's), installed on TestFX's stage and shown; and the waits every UI test needs. One place for the
 * set-up each test class once wrote by hand.
 */
final class TestWindow {

    final RunSession session;
    final MainWindow window;
    final Stage stage;

    private TestWindow(RunSession session, MainWindow window, Stage stage) {
        this.session = session;
        this.window = window;
        this.stage = stage;
    }

    /** The window at 1280×720 with the system's file chooser. */
    static TestWindow show(Stage stage) {
        return show(stage, FileAsker.system(), 1280, 720);
    }

    /** The window at the given size, its file choosers answered by {@code asker}. */
    static TestWindow show(Stage stage, FileAsker asker, double width, double height) {
        RunSession session = new RunSession(Hardware.detect());
        return show(stage, session, new MainWindow(session, TestPrefs.fresh(), asker), width, height);
    }

    /** A window a test built itself (its own settings file or runs folder), installed and shown. */
    static TestWindow show(Stage stage, RunSession session, MainWindow window, double width, double height) {
        window.install(stage);
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return new TestWindow(session, window, stage);
    }

    /** Waits until the machine is read and Run can be clicked. */
    void waitReady(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
    }

    /** Waits until there are {@code n} runs and the {@code n}-th has ended and been shown; returns its trace. */
    Trace waitRun(int n) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> session.runs().size() >= n && session.runs().get(n - 1).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return session.runs().get(n - 1).trace();
    }

    /** The newest run's row. */
    RunRow lastRun() {
        return session.runs().get(session.runs().size() - 1);
    }

    /** After each test: ends the session, so a live run is cancelled and its workers are stopped. */
    void close() {
        session.close();
    }
}
