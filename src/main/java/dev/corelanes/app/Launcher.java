package dev.corelanes.app;

import javafx.application.Application;

/** Opens the window. Kept apart from {@code Main} so the CLI and worker processes never load JavaFX. */
public final class Launcher {
    private Launcher() {
    }

    public static void launch(String[] args) {
        launch(args, null, null, false, false);
    }

    /**
     * A training run for the window's start-up cache (see WindowTraining): nothing shown, and it ends as soon
     * as the launcher that started it is gone.
     */
    public static void train() {
        WindowTraining.followLauncher();
        launch(new String[0]);
    }

    /**
     * Opens the window with {@code spec} or {@code lesson} set (either may be null), running it if {@code run},
     * in presenter mode if {@code present}.
     */
    public static void launch(String[] args, dev.corelanes.engine.ExperimentSpec spec, dev.corelanes.teach.Lesson lesson,
                              boolean run, boolean present) {
        CoreLanesApp.startWith(spec, lesson, run, present);
        quietUnnamedModuleWarning();
        Application.launch(CoreLanesApp.class, args);
    }

    /** Held so the logger (and its filter) is not collected before JavaFX logs through it. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /**
     * {@code java -jar corelanes.jar} puts JavaFX on the class path, and JavaFX then logs "Unsupported JavaFX
     * configuration: classes were loaded from 'unnamed module'" to the console at every start. JavaFX works
     * there (it is how the jar has always run, and what its tests use); the line only alarms users. Drop that
     * one record from JavaFX's logger (java.util.logging, logger "javafx"); every other JavaFX message, and
     * its child loggers (javafx.css, …), still print.
     */
    static void quietUnnamedModuleWarning() {
        java.util.logging.Filter previous = JAVAFX_LOG.getFilter();
        JAVAFX_LOG.setFilter(r -> !(r.getMessage() != null
                && r.getMessage().startsWith("Unsupported JavaFX configuration: classes were loaded from"))
                && (previous == null || previous.isLoggable(r)));
    }
}
