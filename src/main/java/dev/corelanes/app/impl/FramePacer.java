package dev.corelanes.app.impl;

import javafx.application.Platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls an action on the FX thread every so often without keeping JavaFX's pulse running. An
 * {@code AnimationTimer} (or any animation) makes JavaFX pulse 60 times a second for as long as it runs, even
 * when it draws only 10 frames: each pulse is CPU the window takes from a compute run it measures. Paced from
 * a daemon thread instead, the window pulses only when something it shows changed.
 *
 * <p>At most one call waits on the FX thread at a time: a busy FX thread skips ticks rather than queue them.
 */
public final class FramePacer {

    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corelanes-frame-pacer");
        t.setDaemon(true);
        return t;
    });

    private final Runnable onFx;
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledFuture<?> ticks;
    private long intervalNanos;
    private long ticksRun;

    public FramePacer(Runnable onFx) {
        this.onFx = onFx;
    }

    /** Calls the action every {@code nanos} (FX thread); a no-op when it already does at that interval. */
    public void every(long nanos) {
        if (ticks != null && nanos == intervalNanos) {
            return;
        }
        stop();
        intervalNanos = nanos;
        // On the multiples of the interval: pacers at one interval (the timeline, the wall clock) tick together,
        // so their changes are drawn in one pulse. With software rendering each pulse that draws anything
        // copies the whole window to the screen: two pacers out of step would pay that twice.
        long first = nanos - Math.floorMod(System.nanoTime(), nanos);
        ticks = TICKS.scheduleAtFixedRate(() -> {
            if (queued.compareAndSet(false, true)) {
                Platform.runLater(this::tick);
            }
        }, first, nanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        queued.set(false);
        if (ticks != null) {
            ticksRun++;
            onFx.run();
        }
    }

    public void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
    }

    public boolean running() {
        return ticks != null;
    }

    /** Ticks delivered so far (tests). */
    public long ticks() {
        return ticksRun;
    }
}
