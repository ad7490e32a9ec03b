package dev.corelanes.app.labs;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.function.Consumer;

/**
 * What a lab measures, off the FX thread: the one measure-and-cancel plumbing the three labs share. A
 * {@link Task}, so Cancel interrupts its thread and the measurement polls {@link #stopAsked()} between
 * samples; {@link #onCancel} adds what a lab must stop besides (a run in progress, its child processes). Its
 * end is reported once, on the FX thread, only after the measuring thread has really finished: a cancelled lab
 * stays "running" until its children are cleaned up, so a new measurement never overlaps the last.
 */
final class LabJob<T> extends Task<T> {

    /** The measurement itself, given its job to poll for a stop. */
    @FunctionalInterface
    interface Measure<T> {
        T measure(LabJob<T> job) throws Exception;
    }

    /** How the job ended, on the FX thread. */
    interface Ending<T> {
        void done(T result);

        void cancelled();

        void failed(Throwable why);
    }

    private final Measure<T> measure;
    private final Ending<T> ending;
    private volatile Runnable onCancel = () -> { };

    private LabJob(Measure<T> measure, Ending<T> ending) {
        this.measure = measure;
        this.ending = ending;
    }

    /** Starts {@code measure} on a daemon thread named {@code name}; {@code ending} hears how it ended. */
    static <T> LabJob<T> start(String name, Measure<T> measure, Ending<T> ending) {
        LabJob<T> job = new LabJob<>(measure, ending);
        Thread.ofPlatform().daemon(true).name(name).start(job);
        return job;
    }

    /** Also run {@code r} when cancelled (the lab's own stop: a run handle, its processes). */
    LabJob<T> onCancel(Runnable r) {
        onCancel = r;
        return this;
    }

    /** True once Cancel was asked: the measurement stops at its next check. */
    boolean stopAsked() {
        return isCancelled();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean first = super.cancel(mayInterruptIfRunning);
        if (first) {
            onCancel.run(); // only a job still going has something to stop
        }
        return first;
    }

    @Override
    protected T call() throws Exception {
        T result = null;
        Throwable error = null;
        // Background work of this JVM (the start-up cache's training) stops before a lab measures anything.
        try (dev.corelanes.engine.BackgroundWork.Measurement m = dev.corelanes.engine.BackgroundWork.measurementStarting()) {
            result = measure.measure(this);
            return result;
        } catch (Exception e) {
            error = e;
            throw e;
        } finally {
            T r = result;
            Throwable e = error;
            Platform.runLater(() -> end(r, e));
        }
    }

    private void end(T result, Throwable error) {
        if (isCancelled() || error instanceof InterruptedException) {
            ending.cancelled();
        } else if (error != null) {
            ending.failed(error);
        } else {
            ending.done(result);
        }
    }

    /** A failure's message for the lab's status line: its own, or its kind. */
    static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
