package dev.corelanes.app;

import dev.corelanes.hardware.Hardware;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one window. Started by {@link Launcher}, never as the jar's main class. */
public final class CoreLanesApp extends Application {

    private RunSession session;
    private static dev.corelanes.engine.ExperimentSpec startSpec;
    private static dev.corelanes.teach.Lesson startLesson;
    private static boolean startRun;

    /** What the window shows when it opens (`corelanes window …`); called before launch. */
    static void startWith(dev.corelanes.engine.ExperimentSpec spec, dev.corelanes.teach.Lesson lesson, boolean run) {
        startSpec = spec;
        startLesson = lesson;
        startRun = run;
    }

    @Override
    public void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        MainWindow window = new MainWindow(session);
        window.install(stage);
        stage.show();
        window.prepare(startSpec, startLesson, startRun);
        // Run files passed by a file manager (double-click) or on the command line open as runs.
        window.openFiles(getParameters().getRaw().stream().map(java.nio.file.Path::of).toList());
        if (Boolean.getBoolean(STARTUP_PROBE)) {
            // For the start-up benchmark: say when the first frame with the window has been laid out.
            javafx.application.Platform.runLater(() -> System.out.println(SHOWN_LINE));
        }
    }

    /** System property that makes the app print {@link #SHOWN_LINE} once its window is up. */
    public static final String STARTUP_PROBE = "corelanes.startupProbe";
    public static final String SHOWN_LINE = "corelanes-window-shown";

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
    }
}
