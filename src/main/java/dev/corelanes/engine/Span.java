package dev.corelanes.engine;

/**
 * One stretch of time a task spent in one state: on one core ({@code core} ≥ 0), or with the core unknown
 * or irrelevant ({@link #NO_CORE}). Times are nanoseconds since the run started.
 *
 * <p>{@code task} is the 1-based task id; the spawn of a worker process belongs to no task and uses
 * {@link #NO_TASK}.
 *
 * <p>{@code waitKind} says what a {@link SpanState#SLEEPING} span waited for where the OS told it (a traced thread's
 * {@code wchan}: a lock, I/O, a timer); {@link WaitKind#NONE} for every other span and where it is not known
 * (a kernel function of no kind CoreLanes names counts as not known).
 */
public record Span(int task, String worker, int core, SpanState state, long startNanos, long endNanos,
                   WaitKind waitKind) {

    /** The core is unknown (no API on this OS) or the state occupies no core (sleeping, waiting). */
    public static final int NO_CORE = -1;
    /** A span that belongs to a worker rather than a task (a process being spawned). */
    public static final int NO_TASK = 0;

    public Span {
        if (state == null || worker == null) {
            throw new IllegalArgumentException("span needs a state and a worker");
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("span ends before it starts: " + startNanos + " > " + endNanos);
        }
        if (core < NO_CORE) {
            throw new IllegalArgumentException("bad core " + core);
        }
        if (waitKind == null || state != SpanState.SLEEPING || !waitKind.drawn()) {
            waitKind = WaitKind.NONE; // only a sleep waits on something; "other" tells nothing worth keeping
        }
    }

    /** A span whose wait is not known (every span but a traced thread's sleep). */
    public Span(int task, String worker, int core, SpanState state, long startNanos, long endNanos) {
        this(task, worker, core, state, startNanos, endNanos, WaitKind.NONE);
    }

    public boolean hasCore() {
        return core != NO_CORE;
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }

    public double startSeconds() {
        return startNanos / 1e9;
    }

    public double endSeconds() {
        return endNanos / 1e9;
    }
}
