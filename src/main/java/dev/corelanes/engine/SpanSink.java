package dev.corelanes.engine;

/**
 * Where task code reports what it does. Implementations must be thread-safe: every worker reports at once.
 */
public interface SpanSink {

    /** A finished span. */
    void accept(Span span);

    /**
     * A span has begun and is still going on (its end is not known yet): live views draw it up to "now".
     * It is replaced by the next {@link #opened} or {@link #accept} of the same task.
     */
    default void opened(Span span) {
    }

    /**
     * Core samples of one task, in time order (see {@link CoreSampler}); a task may send several batches.
     * Sinks that only draw live may ignore them.
     */
    default void samples(SampleBatch batch) {
    }
}
