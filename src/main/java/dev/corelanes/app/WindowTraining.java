package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A training run for the window JVM's start-up cache (a JDK 25 AOT cache, see {@code AppArchive}), which shows
 * nothing: the real window is built on a stage that is never shown, styled, laid out and drawn into an image
 * (so Prism's drawing classes load), then one tiny in-process run goes through it (so the engine's run path
 * loads), and the JVM exits. It reads and writes none of the user's preferences or kept runs.
 */
final class WindowTraining {

    /** A training run that has not ended by then exits with a failure: its record is not used. */
    private static final long GIVE_UP_MILLIS = 60_000;

    private WindowTraining() {
    }

    static boolean requested() {
        return Boolean.getBoolean(CoreLanesApp.TRAIN_WINDOW);
    }

    /** Trains with {@code session}'s window on {@code stage} (not shown); {@code done} runs on the FX thread at the end. */
    static void start(Stage stage, RunSession session, Runnable done) {
        MainWindow window = new MainWindow(session, new AppPrefs(null), FileAsker.system());
        window.install(stage);
        window.scene().snapshot(null); // CSS, layout and a drawing pass, off screen
        Thread giveUp = new Thread(() -> {
            try {
                Thread.sleep(GIVE_UP_MILLIS);
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // ended in time
            }
        }, "corelanes-training-limit");
        giveUp.setDaemon(true);
        giveUp.start();
        session.runningProperty().addListener((o, was, running) -> {
            if (!running) {
                Platform.runLater(() -> {
                    window.scene().snapshot(null); // the finished run's timeline, drawn
                    giveUp.interrupt();
                    done.run();
                });
            }
        });
        window.prepare(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 0.05, false), null, true);
    }
}
