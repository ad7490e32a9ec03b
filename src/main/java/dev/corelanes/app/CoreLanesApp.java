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
        // A launch looks for the machine once its opening frame is up (below); a training run at once.
        session = new RunSession(new DeferredHardware(), WindowTraining.requested());
        if (WindowTraining.requested()) {
            if (WindowTraining.shown()) {
                WindowTraining.startShown(stage, session, Platform::exit, WindowTraining.GIVE_UP_MILLIS);
            } else {
                WindowTraining.start(stage, session, Platform::exit, WindowTraining.GIVE_UP_MILLIS);
            }
            return;
        }
        // The window appears at once with an opening frame, and its content is built on the next frame: see
        // OpeningFrame.
        AppPrefs prefs = AppPrefs.user();
        stage.setTitle(MainWindow.TITLE);
        if (startPresenting) {
            // Full screen from the first frame: the opening frame does not appear as a window that then jumps.
            stage.setFullScreenExitHint(""); // no animated overlay: the header says how to leave (AppHeader)
            stage.setFullScreen(true);
        }
        OpeningFrame.show(stage, prefs.dark(), MainWindow.FIRST_WIDTH, MainWindow.FIRST_HEIGHT, () -> open(stage, prefs));
        // OSHI and JNA load on the sampler thread once the frame has been handed to the renderer, not beside the
        // toolkit's start (the machine card fills in when it is found, as before).
        OpeningFrame.afterFirstPulse(stage.getScene(), session::findMachine);
        if (Boolean.getBoolean(LaunchProperties.STARTUP_PROBE)) {
            // For the start-up benchmark: say when the window is up (its opening frame shown), as the floor does.
            Platform.runLater(() -> System.out.println(LaunchProperties.MAPPED_LINE));
        }
        // The icons are drawn (~55 ms here) once the window is up, while the frame waits for its window manager.
        Platform.runLater(() -> stage.getIcons().setAll(AppIcon.images()));
    }

    /** Builds the main window in the stage its opening frame is showing in, and does what the launch asked. */
    private void open(Stage stage, AppPrefs prefs) {
        session.findMachine(); // already looking, unless no pulse came first
        MainWindow window;
        try {
            window = new MainWindow(session, prefs);
        } catch (RuntimeException e) {
            // Before, a failed start() ended the launch with its stack trace; the opening frame must not hide it.
            System.err.println("CoreLanes could not open its window: " + e);
            e.printStackTrace();
            session.close();
            System.exit(1); // a window that cannot open is a failed launch, not a quiet one
            return;
        }
        window.install(stage);
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
            // For the start-up benchmark: say when the first frame with the whole window has been laid out.
            OpeningFrame.afterFirstPulse(stage.getScene(), () -> System.out.println(LaunchProperties.SHOWN_LINE));
        }
        if (Boolean.getBoolean(LaunchProperties.EXIT_WHEN_READY)) {
            // A training run for a JDK AOT cache (see benchmarks.md): close once the whole window has been drawn and
            // the machine read, so the cache holds the classes of both, and the JVM exits normally to write it. A
            // start-up benchmark's first session closes once its idle training has ended too (LaunchBench).
            Runnable exit = () -> dev.corelanes.launch.IdleTraining.ended()
                    .whenComplete((made, e) -> Platform.runLater(Platform::exit));
            OpeningFrame.afterFirstPulse(stage.getScene(), () -> {
                if (session.machineProperty().get() != null) {
                    exit.run();
                } else {
                    session.machineProperty().addListener((o, a, m) -> {
                        if (m != null) {
                            exit.run();
                        }
                    });
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
