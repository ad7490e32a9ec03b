package dev.corelanes.app;

import dev.corelanes.engine.RunWindow;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.shape.Rectangle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main window as a run sees it ({@link RunWindow}): the CPU time of JavaFX's drawing threads, and a wait until
 * the frame that shows the run's start has been laid out and drawn. Starting a run changes much of the window at
 * once (its lanes, the Run and Cancel buttons, the captions), and in software rendering at 1920×1080 that frame
 * cost 40–120 ms of CPU: when the run's clock started before it was drawn, a threads run measured it as lost time.
 * Measured, not slept: one pulse after the run's start, then the renderer has finished every frame handed to it.
 */
final class WindowDrawing implements RunWindow {

    private final FrameBudget.DrawingThreads threads = new FrameBudget.DrawingThreads();
    private final Scene scene;
    /** A node of one pixel, snapshot to learn that the renderer has drawn what came before (see {@link #rendered}). */
    private final Rectangle pixel = new Rectangle(1, 1);
    /** How many waits ended with the frame drawn (tests). */
    private volatile long drawnWaits;

    /** Look for JavaFX's threads on the FX thread, once the window shows ({@code scene}: null when none). */
    WindowDrawing(Scene scene) {
        this.scene = scene;
    }

    @Override
    public long drawingCpuNanos() {
        return threads.cpuNanos();
    }

    @Override
    public void awaitDrawn(long timeoutNanos) throws InterruptedException {
        if (scene == null || Platform.isFxApplicationThread()) {
            return;
        }
        CountDownLatch drawn = new CountDownLatch(1);
        // Queued behind the run's start on the FX thread: what it changed is in the scene when this runs.
        Platform.runLater(() -> {
            if (scene.getWindow() == null || !scene.getWindow().isShowing()) {
                drawn.countDown(); // no pulse lays out a window that is not shown
                return;
            }
            afterNextPulse(() -> {
                rendered();
                drawnWaits++;
                drawn.countDown();
            });
        });
        drawn.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code then} on the FX thread after the next pulse (laid out and handed to the renderer). */
    private void afterNextPulse(Runnable then) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(then); // after the rest of this pulse: its frame handed to the renderer
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    /**
     * Returns once the renderer has drawn the frames handed to it: JavaFX renders on one thread, in order, and a
     * snapshot is rendered there too and waited for, so a snapshot of one pixel returns after them.
     */
    private void rendered() {
        pixel.snapshot(null, null);
    }

    /** How many runs waited for their start to be drawn and saw it drawn (tests). */
    long drawnWaits() {
        return drawnWaits;
    }
}
