package dev.corelanes.engine;

import java.util.List;

/**
 * How long a run's spans spent in one state, summed: the one place the captions, the lesson cards and the CLI's
 * per-thread lines take "time waiting for a CPU" or "time asleep" from.
 */
public final class StateTotals {

    private StateTotals() {
    }

    /** Nanoseconds {@code t}'s spans spent in {@code state}, all workers together. */
    public static long nanos(Trace t, SpanState state) {
        return nanos(t.spans(), state);
    }

    /** Nanoseconds {@code spans} spent in {@code state} (a run being built, before it is a {@link Trace}). */
    public static long nanos(List<Span> spans, SpanState state) {
        long sum = 0;
        for (Span s : spans) {
            if (s.state() == state) {
                sum += s.durationNanos();
            }
        }
        return sum;
    }

    /** Nanoseconds the spans of worker {@code worker} spent in {@code state}. */
    public static long nanos(Trace t, String worker, SpanState state) {
        long sum = 0;
        for (Span s : t.spans()) {
            if (s.state() == state && s.worker().equals(worker)) {
                sum += s.durationNanos();
            }
        }
        return sum;
    }
}
