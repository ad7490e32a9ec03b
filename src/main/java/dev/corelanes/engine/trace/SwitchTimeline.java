package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.WaitKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The spans of one traced thread from the kernel's own switch records ({@link SwitchLog}): running from each
 * switch-in to the next switch-out on the CPU it was put on, then waiting for a CPU when taken off still runnable
 * (preempted) or sleeping when it went to sleep, until the next switch-in. Nothing is guessed, so at most one thread
 * is on a CPU at any instant. What the records do not say comes from the samples: where a sleep waits (wchan: a
 * lock, I/O, a timer), and what a thread that was there before the records began did until it first ran.
 */
final class SwitchTimeline {

    private SwitchTimeline() {
    }

    /**
     * @param events  its events, in time order
     * @param samples its samples, in time order (may be empty: a thread that lived between two sweeps)
     * @param until   where the last open stretch ends: the run's end, or (live) what has been read so far
     */
    static List<Span> spans(int task, String worker, List<SwitchLog.Event> events, List<ThreadSample> samples,
                            long until) {
        List<Span> out = new ArrayList<>();
        SpanState state = null; // null: nothing to draw (before it is known, after it ended)
        long since = 0;
        int cpu = Span.NO_CORE;
        boolean exited = false;
        if (!samples.isEmpty()) {
            ThreadSample first = samples.get(0);
            long firstEvent = events.isEmpty() ? Long.MAX_VALUE : events.get(0).nanos();
            if (first.nanos() < firstEvent && (events.isEmpty() || events.get(0).kind() != SwitchLog.Kind.STARTED)) {
                // There before its first record (the program held stopped, or a thread that never ran since).
                state = first.runnable() ? SpanState.PREEMPTED : SpanState.SLEEPING;
                since = first.nanos();
            }
        }
        for (SwitchLog.Event e : events) {
            switch (e.kind()) {
                case STARTED -> {
                    if (state == null && !exited) {
                        state = SpanState.PREEMPTED; // a new thread is runnable until it first gets a CPU
                        since = e.nanos();
                    }
                }
                case IN -> {
                    close(out, task, worker, state, cpu, since, e.nanos(), samples, until);
                    state = SpanState.RUNNING;
                    cpu = e.cpu();
                    since = e.nanos();
                }
                case OUT_PREEMPTED, OUT_SLEEPING -> {
                    // Running until now; anything else means its switch-in was lost (a full buffer, counted and
                    // told): what it did before stays as last known, and the run it had is not drawn.
                    close(out, task, worker, state, cpu, since, e.nanos(), samples, until);
                    state = exited ? null : e.kind() == SwitchLog.Kind.OUT_PREEMPTED ? SpanState.PREEMPTED
                            : SpanState.SLEEPING;
                    cpu = Span.NO_CORE;
                    since = e.nanos();
                }
                case EXITED -> {
                    // The kernel detaches a thread's events as it exits, before its last switch-out: its exit is the
                    // end of what it ran, and nothing of it is drawn after.
                    close(out, task, worker, state, cpu, since, e.nanos(), samples, until);
                    state = null;
                    exited = true;
                }
            }
        }
        close(out, task, worker, state, cpu, since, until, samples, until);
        return out;
    }

    private static void close(List<Span> out, int task, String worker, SpanState state, int cpu, long from, long to,
                              List<ThreadSample> samples, long until) {
        long end = Math.min(to, until);
        if (state == null || end <= from) {
            return;
        }
        if (state == SpanState.RUNNING) {
            out.add(new Span(task, worker, cpu, state, from, end));
        } else if (state == SpanState.PREEMPTED) {
            out.add(new Span(task, worker, Span.NO_CORE, state, from, end));
        } else {
            out.add(new Span(task, worker, Span.NO_CORE, state, from, end, waitIn(samples, from, end)));
        }
    }

    /** What a sleep from {@code from} to {@code to} waited on: the first sample that saw the thread asleep in it. */
    private static WaitKind waitIn(List<ThreadSample> samples, long from, long to) {
        // The first sample at or after `from`, found by halves: a long trace has thousands of samples and sleeps.
        int lo = 0;
        int hi = samples.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).nanos() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < samples.size() && samples.get(i).nanos() < to; i++) {
            if (!samples.get(i).runnable()) {
                return samples.get(i).waitKind();
            }
        }
        return WaitKind.NONE;
    }
}
