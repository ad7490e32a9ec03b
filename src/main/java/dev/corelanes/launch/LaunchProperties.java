package dev.corelanes.launch;

/**
 * The system properties the launch passes between the JVMs it starts (the restart, the trainer, benchmarks) and
 * the window that reads them: one list, so that a name is spelt once. Set by the launcher, never by users, except
 * {@link #RELAUNCH}.
 */
public final class LaunchProperties {

    /** Set on the restarted window JVM: it is the restart (it starts no other, and follows its parent). */
    public static final String RELAUNCHED = "corelanes.relaunched";

    /** {@code -Dcorelanes.relaunch=false}: no restart (the JVM's own options, no start-up cache). */
    public static final String RELAUNCH = "corelanes.relaunch";

    /**
     * Makes the start a training run for the window JVM's AOT cache: nothing is shown (see WindowTraining); set
     * by a window JVM training while idle (IdleTraining), or by the installer build.
     */
    public static final String TRAIN_WINDOW = "corelanes.trainWindow";

    /**
     * With {@link #TRAIN_WINDOW}: the trainer shows the window as a launch does (its opening frame, then the whole
     * window) instead of building it off screen, so the cache also holds what showing a stage loads (Glass's stage,
     * the painters, the opening frame: ~250 classes otherwise loaded from the jars at every launch). Only where
     * nobody sees it: the installer build's private virtual display (ShippedCache).
     */
    public static final String TRAIN_SHOWN = "corelanes.trainShown";

    /**
     * Marks a window JVM started without a start-up cache that trains the AOT cache while its window is idle (JDK
     * 25+, a session of a jar and JDK without one), naming the cache's files: it writes no CDS archive at exit, which
     * the user would wait for.
     */
    public static final String TRAIN_AFTER = "corelanes.trainAfter";

    /** Names the file where the window notes its rendering pipeline (see RenderingPipeline). */
    public static final String PIPELINE_FILE = "corelanes.pipelineFile";

    /** Closes the window once it is up and the machine read: a start-up measurement. */
    public static final String EXIT_WHEN_READY = "corelanes.exitWhenReady";

    /** Makes the app print {@link #SHOWN_LINE} once its window is up. */
    public static final String STARTUP_PROBE = "corelanes.startupProbe";

    /** What the window prints with {@link #STARTUP_PROBE} once its whole content has been laid out. */
    public static final String SHOWN_LINE = "corelanes-window-shown";

    /** What the window prints with {@link #STARTUP_PROBE} once it is on screen (its opening frame, see app). */
    public static final String MAPPED_LINE = "corelanes-window-mapped";

    /** What the window prints with {@link #STARTUP_PROBE} as it closes: the benchmark's clock for the exit. */
    public static final String CLOSING_LINE = "corelanes-window-closing";

    private LaunchProperties() {
    }
}
