package dev.corelanes.engine;

/**
 * Hears a run as it happens. Called from worker threads, concurrently: implementations must be quick and
 * thread-safe (a live view just queues what it hears and draws it on its own schedule).
 */
public interface TraceListener {

    /** A finished span. */
    default void onSpan(Span span) {
    }

    /** A span that has begun and is still going on (see {@link SpanSink#opened}). */
    default void onOpened(Span span) {
    }

    /** A task finished, was cancelled or failed. */
    default void onTask(TaskRecord task) {
    }

    /** A worker became known (a child process reports its pid and memory). */
    default void onWorker(WorkerInfo worker) {
    }

    /** Core samples of a task arrived (the evidence the final per-core lanes are built from). */
    default void onSamples(SampleBatch batch) {
    }
}
