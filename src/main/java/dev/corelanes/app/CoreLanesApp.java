package dev.corelanes.app;

import dev.corelanes.launch.LaunchProperties;
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
        // A session without the window's AOT cache trains one while idle, stopped whenever a run starts.
        dev.corelanes.launch.IdleTraining.startIfDue();
        if (Boolean.getBoolean(LaunchProperties.STARTUP_PROBE)) {
            // For the start-up benchmark: say when the first frame with the window has been laid out.
            Platform.runLater(() -> System.out.println(LaunchProperties.SHOWN_LINE));
        }
        if (Boolean.getBoolean(LaunchProperties.EXIT_WHEN_READY)) {
            // A training run for a JDK AOT cache (see benchmarks.md): close once the machine is read, so the
            // cache holds the classes of the first frame and of OSHI, and the JVM exits normally to write it. A
            // start-up benchmark's first session closes once its idle training has ended too (LaunchBench).
            session.machineProperty().addListener((o, a, m) -> {
                if (m != null) {
                    dev.corelanes.launch.IdleTraining.ended().whenComplete((made, e) -> Platform.runLater(Platform::exit));
                }
            });
        }
    }

    @Override
    public void stop() {
        if (Boolean.getBoolean(LaunchProperties.STARTUP_PROBE)) {
            System.out.println(LaunchProperties.CLOSING_LINE); // the start-up benchmark times the exit from here
        }
        dev.corelanes.launch.IdleTraining.stopNow(); // the window closed: a training step must not delay the exit
        if (session != null) {
            session.close();
        }
    }
}
