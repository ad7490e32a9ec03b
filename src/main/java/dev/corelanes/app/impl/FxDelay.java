package dev.corelanes.app.impl;

import javafx.application.Platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls an action on the FX thread once, after a delay, without an animation. A {@code PauseTransition} is an
 * animation: for as long as it waits, JavaFX pulses 60 times a second (measured: four 3-second ones kept the
 * window pulsing through the first second of a presenter-mode run, each pulse CPU taken from the run). Timed
 * from a daemon thread instead, the window pulses only when the action changes something.
 */
public final class FxDelay {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corelanes-fx-delay");
        t.setDaemon(true);
        return t;
    });

    private final Runnable onFx;
    private ScheduledFuture<?> pending;

    /** A delay that can be restarted: each {@link #restart} replaces the call still waiting. */
    public FxDelay(Runnable onFx) {
        this.onFx = onFx;
    }

    /** Calls {@code onFx} on the FX thread in {@code millis} ms (call it on the FX thread). */
    public static void after(long millis, Runnable onFx) {
        TIMER.schedule(() -> Platform.runLater(onFx), millis, TimeUnit.MILLISECONDS);
    }

    /** Calls the action {@code millis} ms from now, and not at the time asked before (FX thread). */
    public void restart(long millis) {
        stop();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = TIMER.schedule(() -> Platform.runLater(() -> {
            if (pending == self[0]) { // not stopped or restarted since it was due
                pending = null;
                onFx.run();
            }
        }), millis, TimeUnit.MILLISECONDS);
        pending = self[0];
    }

    /** Forgets the call still waiting, if any (FX thread). */
    public void stop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
