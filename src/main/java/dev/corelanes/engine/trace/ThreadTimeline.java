package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;

import java.util.ArrayList;
import java.util.List;

/**
 * The spans of one traced thread, placed from its samples: the one place that decides where a thread's time
 * between two samples goes, where the kernel's own switch records are not read ({@link SwitchTimeline} places them
 * where they are).
 *
 * <p>Between two samples the kernel's totals say exactly how long the thread was on a CPU ({@code schedstat}'s
 * run time), how long it was runnable but waiting for one (preempted), and so how long it slept. What the samples
 * cannot say is the order; it is taken from the states at both ends: a thread asleep at the first sample and
 * runnable at the second woke, waited, then ran ({@code sleep · wait · run}); one runnable at the first and
 * asleep at the second ran, then slept ({@code run · wait · sleep}); one runnable at both waited then ran. The
 * running part goes on the CPU the second sample names (the one it last ran on). Where two threads' running
 * parts meet on one CPU the samples cannot tell which ran when: {@code CpuLanes.separate} (in every {@code Trace})
 * makes that stretch uncertain, so no CPU ever shows two threads at once.
 *
 * <p>macOS and Windows keep no runnable-but-waiting total and name no CPU: the running part is the thread's CPU
 * time (user + kernel) between the samples, drawn without a CPU ({@link Span#NO_CORE}), and a thread runnable at
 * both ends waited the rest. Where the OS says a thread waits for a CPU at the second sample (Windows Ready), it ran
 * first and waits last.
 */
public final class ThreadTimeline {

    private ThreadTimeline() {
    }

    /**
     * The spans of one thread.
     *
     * @param task     its task id
     * @param worker   its worker name
     * @param samples  its samples, in time order
     * @param notBefore where time before its first sample may be placed from (the previous sweep, when the thread
     *                 was new then), or {@link Long#MAX_VALUE} when what came before the first sample is not part
     *                 of the run (a thread of a program attached to)
     */
    public static List<Span> spans(int task, String worker, List<ThreadSample> samples, long notBefore) {
        List<Span> out = new ArrayList<>();
        if (samples.isEmpty()) {
            return out;
        }
        ThreadSample first = samples.get(0);
        if (notBefore < first.nanos()) {
            // A thread new since the last sweep: its whole life so far is in its totals; it ran last, just before.
            long lo = Math.max(0, notBefore);
            long room = first.nanos() - lo;
            long run = Math.min(first.runNanos(), room);
            long wait = Math.min(first.waitNanos(), room - run);
            long end = first.runnable() && !first.waitingForCpu() ? first.nanos() : lo + wait + run;
            add(out, task, worker, Span.NO_CORE, SpanState.PREEMPTED, end - run - wait, end - run);
            add(out, task, worker, first.cpu(), SpanState.RUNNING, end - run, end);
        }
        for (int i = 1; i < samples.size(); i++) {
            ThreadSample a = samples.get(i - 1);
            ThreadSample b = samples.get(i);
            long t0 = a.nanos();
            long dt = b.nanos() - t0;
            if (dt <= 0) {
                continue;
            }
            long run = clamp(b.runNanos() - a.runNanos(), dt);
            long wait = clamp(b.waitNanos() - a.waitNanos(), dt - run);
            long sleep = dt - run - wait;
            if (a.runnable() && b.runnable() && b.waitKind() == WaitKind.NONE) {
                // Runnable at both ends: the time neither on a CPU nor counted as waiting is waiting the kernel has
                // not added up yet (it adds a wait to the total when the thread next gets a CPU), not sleep.
                wait += sleep;
                sleep = 0;
            }
            int core = b.cpu();
            if (a.runnable() && !b.runnable()) { // ran, then went to sleep: on what it sleeps on at the second sample
                add(out, task, worker, core, SpanState.RUNNING, t0, t0 + run);
                add(out, task, worker, Span.NO_CORE, SpanState.PREEMPTED, t0 + run, t0 + run + wait);
                add(out, task, worker, Span.NO_CORE, SpanState.SLEEPING, t0 + run + wait, b.nanos(), b.waitKind());
            } else if (b.waitingForCpu()) { // the OS says it waits for a CPU now: it ran before, then waited
                add(out, task, worker, Span.NO_CORE, SpanState.SLEEPING, t0, t0 + sleep, a.waitKind());
                add(out, task, worker, core, SpanState.RUNNING, t0 + sleep, t0 + sleep + run);
                add(out, task, worker, Span.NO_CORE, SpanState.PREEMPTED, t0 + sleep + run, b.nanos());
            } else { // woke (or kept running): slept (on what it slept on at the first sample), waited, ran
                add(out, task, worker, Span.NO_CORE, SpanState.SLEEPING, t0, t0 + sleep, a.waitKind());
                add(out, task, worker, Span.NO_CORE, SpanState.PREEMPTED, t0 + sleep, t0 + sleep + wait);
                long runEnd = b.runnable() ? b.nanos() : t0 + sleep + wait + run;
                add(out, task, worker, core, SpanState.RUNNING, runEnd - run, runEnd);
            }
        }
        return out;
    }

    private static long clamp(long v, long max) {
        return Math.max(0, Math.min(v, Math.max(0, max)));
    }

    private static void add(List<Span> out, int task, String worker, int core, SpanState state, long start, long end) {
        add(out, task, worker, core, state, start, end, WaitKind.NONE);
    }

    /**
     * Adds a span, merged into the last one when it continues it (same state, CPU and wait, no gap). A sleep's
     * {@code wait} is what {@code wchan} said at the sample that saw it asleep.
     */
    private static void add(List<Span> out, int task, String worker, int core, SpanState state, long start, long end,
                            WaitKind wait) {
        if (end <= start) {
            return;
        }
        Span next = new Span(task, worker, core, state, start, end, wait);
        if (!out.isEmpty()) {
            Span last = out.get(out.size() - 1);
            if (last.state() == state && last.core() == core && last.endNanos() == start && last.waitKind() == next.waitKind()) {
                out.set(out.size() - 1, new Span(task, worker, core, state, last.startNanos(), end, next.waitKind()));
                return;
            }
        }
        out.add(next);
    }
}
