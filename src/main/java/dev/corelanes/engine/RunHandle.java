package dev.corelanes.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run in progress: watch it, cancel it, wait for its trace. */
public final class RunHandle {

    private final ExperimentSpec spec;
    private final CompletableFuture<Trace> result = new CompletableFuture<>();
    private volatile RunContext context;
    private volatile Backend backend;
    private volatile boolean cancelRequested;
    /** For a run measured outside the backends ({@link #external}): its time 0, and what stops it; else unset. */
    private final long externalOrigin;
    private final Runnable externalStop;

    RunHandle(ExperimentSpec spec) {
        this(spec, 0, null);
    }

    private RunHandle(ExperimentSpec spec, long externalOrigin, Runnable externalStop) {
        this.spec = spec;
        this.externalOrigin = externalOrigin;
        this.externalStop = externalStop;
    }

    /**
     * A run measured by something other than a backend — a traced program ({@code engine.trace.ProgramRun}) — seen
     * as any run: started at {@code originNanos} ({@link System#nanoTime()}), stopped by {@code stop}, ended when
     * {@code trace} completes (with no trace if that fails: a run handle's result never completes exceptionally,
     * so whoever produces {@code trace} must always give one).
     */
    public static RunHandle external(ExperimentSpec spec, long originNanos, Runnable stop,
                                     CompletableFuture<Trace> trace) {
        RunHandle h = new RunHandle(spec, originNanos, stop);
        trace.thenAccept(h::complete);
        return h;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** Completes with the trace when the run has ended, however it ended. Never completes exceptionally. */
    public CompletableFuture<Trace> result() {
        return result;
    }

    /** True once the tasks have been launched (calibration, if needed, comes first). */
    public boolean started() {
        return context != null || externalStop != null;
    }

    /** Nanoseconds since the tasks were launched; 0 before. */
    public long elapsedNanos() {
        if (externalStop != null) {
            return System.nanoTime() - externalOrigin;
        }
        RunContext c = context;
        return c == null ? 0 : c.now();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Stops every task promptly; the trace ends as cancelled with what was recorded. */
    public void cancel() {
        cancelRequested = true;
        if (externalStop != null) {
            externalStop.run();
            return;
        }
        RunContext c = context;
        Backend b = backend;
        if (c == null && b != null) {
            b.cancel(); // still preparing (a Python interpreter starting): stop that
            return;
        }
        if (c != null && c.cancel() && b != null) {
            b.cancel();
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** The backend is getting ready (before the run's clock starts): a cancel now stops that. */
    void preparing(Backend b) {
        backend = b;
        if (cancelRequested) {
            b.cancel();
        }
    }

    void attach(RunContext c, Backend b) {
        backend = b;
        context = c;
        if (cancelRequested) {
            cancel();
        }
    }

    void complete(Trace trace) {
        result.complete(trace);
    }

    /** Waits for the trace. */
    public Trace await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run ended without a trace", e.getCause());
        }
    }

    /** Waits at most the given time for the trace. */
    public Trace await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout, unit);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run ended without a trace", e.getCause());
        }
    }
}
