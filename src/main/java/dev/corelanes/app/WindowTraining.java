package dev.corelanes.app;

import dev.corelanes.engine.process.TrainingRun;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A training run for the window JVM's start-up cache (a JDK 25 AOT cache, see {@code launch.AppArchive}), which shows
 * nothing: the real window is built on a stage that is never shown, styled, laid out and drawn into an image
 * (so Prism's drawing classes load), then one tiny in-process run goes through it (so the engine's run path
 * loads), and the JVM exits. The installer build's training ({@link #shown()}) shows it instead, on a virtual
 * display of its own, as a launch does. It reads and writes none of the user's preferences or kept runs.
 */
final class WindowTraining {

    /** A training run that has not ended by then exits with a failure: its record is not used. */
    static final long GIVE_UP_MILLIS = 60_000;

    private WindowTraining() {
    }

    static boolean requested() {
        return Boolean.getBoolean(dev.corelanes.launch.LaunchProperties.TRAIN_WINDOW);
    }

    /** The installer build's training, on a display nobody sees: the window is shown as a launch shows it. */
    static boolean shown() {
        return Boolean.getBoolean(dev.corelanes.launch.LaunchProperties.TRAIN_SHOWN);
    }

    /**
     * Ends this JVM at once when the launcher that started it is gone: its stdin is a pipe from the launcher,
     * which never writes, so end of input means the launcher died (even before this JVM got here, unlike
     * watching the parent process, which by then is another).
     */
    static void followLauncher() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent
                }
            } catch (java.io.IOException e) {
                // closed: the same
            }
            TrainingRun.abandon();
        }, "corelanes-training-follow");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * The installer build's training ({@link #shown()}): the launch's own path — the opening frame shown, the icons,
     * then the window built in it — with the training's run in the shown window; {@code done} runs once its
     * finished timeline has been drawn.
     */
    static void startShown(Stage stage, RunSession session, Runnable done, long limitMillis) {
        stage.setTitle(MainWindow.TITLE);
        OpeningFrame.show(stage, false, MainWindow.FIRST_WIDTH, MainWindow.FIRST_HEIGHT,
                () -> start(stage, session, done, limitMillis));
        Platform.runLater(() -> stage.getIcons().setAll(AppIcon.images()));
    }

    /**
     * Trains with {@code session}'s window on {@code stage} (not shown, or already shown by {@link #startShown}); {@code done} runs on the FX thread at
     * the end. With {@code limitMillis > 0} this JVM ends itself, as a failure, if training has not ended by then.
     */
    static void start(Stage stage, RunSession session, Runnable done, long limitMillis) {
        MainWindow window = new MainWindow(session, new AppPrefs(null), FileAsker.system());
        window.install(stage);
        if (!stage.isShowing()) {
            window.scene().snapshot(null); // CSS, layout and a drawing pass, off screen
        }
        Thread giveUp = new Thread(() -> {
            try {
                Thread.sleep(limitMillis);
                TrainingRun.abandon(); // its record is not used: the launcher sees a failure
            } catch (InterruptedException e) {
                // ended in time
            }
        }, "corelanes-training-limit");
        giveUp.setDaemon(true);
        if (limitMillis > 0) {
            giveUp.start();
        }
        session.runningProperty().addListener((o, was, running) -> {
            if (!running) {
                Platform.runLater(() -> {
                    giveUp.interrupt();
                    if (stage.isShowing()) {
                        // the finished run's timeline, drawn on screen: the next pulse, then end
                        OpeningFrame.afterFirstPulse(window.scene(), done);
                    } else {
                        window.scene().snapshot(null); // the finished run's timeline, drawn
                        done.run();
                    }
                });
            }
        });
        window.prepare(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 0.05, false), null, true);
    }
}
