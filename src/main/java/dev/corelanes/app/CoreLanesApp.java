package dev.corelanes.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window. Started by {@link Launcher}, never as the jar's main class. */
public final class CoreLanesApp extends Application {

    private RunSession session;
    private static dev.corelanes.engine.ExperimentSpec startSpec;
    private static dev.corelanes.teach.Lesson startLesson;
    private static boolean startRun;
    private static boolean startPresenting;

    /** What the window shows when it opens (`corelanes window …`); called before launch. */
    static void startWith(dev.corelanes.engine.ExperimentSpec spec, dev.corelanes.teach.Lesson lesson, boolean run,
                          boolean present) {
        startSpec = spec;
        startLesson = lesson;
        startRun = run;
        startPresenting = present;
    }

    @Override
    public void start(Stage stage) {
        // OSHI starts on the sampler thread, after the first frame (see DeferredHardware).
        session = new RunSession(new DeferredHardware());
        if (WindowTraining.requested()) {
            WindowTraining.start(stage, session, Platform::exit, WindowTraining.GIVE_UP_MILLIS);
            return;
        }
        MainWindow window = new MainWindow(session);
        window.install(stage);
        stage.show();
        if (startPresenting) {
            window.setPresenter(true); // `window --present`: a projector shortcut
        }
        window.prepare(startSpec, startLesson, startRun);
        // Run files passed by a file manager (double-click) or on the command line open as runs.
        window.openFiles(getParameters().getRaw().stream().map(java.nio.file.Path::of).toList());
        Platform.runLater(RenderingPipeline::noteForLauncher);
        IdleTrim.after(session.machineProperty(), session.runningProperty());
        if (Boolean.getBoolean(STARTUP_PROBE)) {
            // For the start-up benchmark: say when the first frame with the window has been laid out.
            Platform.runLater(() -> System.out.println(SHOWN_LINE));
        }
        if (Boolean.getBoolean(EXIT_WHEN_READY)) {
            // A training run for a JDK AOT cache (see benchmarks.md): close once the machine is read, so the
            // cache holds the classes of the first frame and of OSHI, and the JVM exits normally to write it.
            session.machineProperty().addListener((o, a, m) -> {
                if (m != null) {
                    Platform.runLater(Platform::exit);
                }
            });
        }
    }

    /**
     * System property that makes the start a training run for the window JVM's AOT cache: nothing is shown
     * (see WindowTraining); set by the launcher's parent after a session, never by users.
     */
    public static final String TRAIN_WINDOW = "corelanes.trainWindow";

    /** System property naming the file where the window notes its rendering pipeline (see RenderingPipeline). */
    public static final String PIPELINE_FILE = "corelanes.pipelineFile";

    /** System property that closes the window once it is up and the machine read: a start-up training run. */
    public static final String EXIT_WHEN_READY = "corelanes.exitWhenReady";

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
