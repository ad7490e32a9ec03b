package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.TraceListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of a traced program while it runs: each call places what is new since the last one — from the kernel's
 * switch records where they are read ({@link SwitchTimeline}), else from what the sampler saw, with
 * {@link ThreadTimeline} (the one place that decides where a thread's time goes), and hands the new spans to a
 * listener — the same threads and task ids as the finished run's ({@link TracedRun}), each named as when it was
 * first handed over. Two threads that shared a CPU between two samples are kept apart on its lane
 * ({@link OneThreadPerCpu}); the finished run shows that stretch as uncertain, and the window draws that run once
 * it ends.
 */
public final class LiveSpans {

    private final TreeSampler sampler;
    private final boolean attached;
    /** Per thread id: how many of its samples have been placed. */
    private final Map<Integer, Integer> placed = new HashMap<>();
    private final Map<Integer, Integer> ids = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private int nextId;
    private final OneThreadPerCpu lanes = new OneThreadPerCpu();
    /** The kernel's switch records, when they place the lanes (then the samples only name threads and their waits). */
    private final KernelSwitches switches;
    /** Per thread id: up to where its spans from the switch records have been handed over. */
    private final Map<Integer, Long> placedUntil = new HashMap<>();

    LiveSpans(TreeSampler sampler, boolean attached) {
        this(sampler, attached, KernelSwitches.none(""));
    }

    LiveSpans(TreeSampler sampler, boolean attached, KernelSwitches switches) {
        this.sampler = sampler;
        this.attached = attached;
        this.switches = switches;
    }

    /** Places what is new since the last call and gives it to {@code listener}; returns how many spans. */
    public synchronized int publish(TraceListener listener) {
        List<Span> fresh = new ArrayList<>();
        if (switches.active()) {
            sampler.read((threads, sweeps) -> fromRecords(threads, fresh));
        } else {
            sampler.read((threads, sweeps) -> fromSamples(threads, sweeps, fresh));
        }
        List<Span> admitted = lanes.admit(fresh);
        for (Span s : admitted) {
            listener.onSpan(s);
        }
        return admitted.size();
    }

    /** The spans the samples give: each thread's from its last placed sample on ({@link ThreadTimeline}). */
    private void fromSamples(Map<Integer, List<ThreadSample>> threads, List<Long> sweeps, List<Span> fresh) {
        for (Map.Entry<Integer, List<ThreadSample>> e : threads.entrySet()) {
            List<ThreadSample> samples = e.getValue();
            int tid = e.getKey();
            int n = samples.size();
            Integer done = placed.get(tid);
            if (n == 0 || done != null && done >= n) {
                continue;
            }
            if (done == null) {
                if (nextId == TracedRun.MAX_THREADS) {
                    continue; // as the finished run: later threads are counted, not drawn
                }
                ThreadSample first = samples.get(0);
                ids.put(tid, ++nextId);
                // Its name as of now (a program's first thread is "setsid" until it execs the program); a thread
                // renamed later keeps this name until the run ends and is drawn from the finished trace.
                names.put(tid, TracedRun.name(first, samples.get(n - 1)));
                boolean before = attached && first.nanos() <= TracedRun.firstSweepEnd(sweeps);
                long notBefore = before ? Long.MAX_VALUE : TracedRun.previousSweep(sweeps, first.nanos());
                fresh.addAll(ThreadTimeline.spans(ids.get(tid), names.get(tid), samples.subList(0, n), notBefore));
            } else {
                // From its last placed sample on: the spans between two samples depend on those two only.
                fresh.addAll(ThreadTimeline.spans(ids.get(tid), names.get(tid), samples.subList(done - 1, n),
                        Long.MAX_VALUE));
            }
            placed.put(tid, n);
        }
    }

    /**
     * The spans the kernel's records give up to what has been read of them (the horizon): each thread's spans are
     * placed again from its records, and only what lies after the part already handed over is new. A stretch still
     * open at the horizon (a thread running now) is handed over up to it, and continued by the next call.
     */
    private void fromRecords(Map<Integer, List<ThreadSample>> threads, List<Span> fresh) {
        SwitchLog log = switches.log();
        long horizon = switches.horizonNanos();
        if (horizon <= 0) {
            return;
        }
        java.util.LinkedHashSet<Integer> tids = new java.util.LinkedHashSet<>(threads.keySet());
        tids.addAll(log.threads());
        for (int tid : tids) {
            if (!ids.containsKey(tid)) {
                if (nextId == TracedRun.MAX_THREADS) {
                    continue; // as the finished run: later threads are counted, not drawn
                }
                List<ThreadSample> samples = threads.get(tid);
                if (samples == null && !log.has(tid)) {
                    continue;
                }
                ids.put(tid, ++nextId);
                names.put(tid, samples != null && !samples.isEmpty()
                        ? TracedRun.name(samples.get(0), samples.get(samples.size() - 1))
                        : TracedRun.recordedName(log, threads, tid));
            }
            long from = placedUntil.getOrDefault(tid, Long.MIN_VALUE);
            if (from >= horizon) {
                continue;
            }
            List<ThreadSample> samples = threads.getOrDefault(tid, List.of());
            // From the last event before what was handed over: what lies before it is drawn already.
            List<SwitchLog.Event> events = from == Long.MIN_VALUE ? log.events(tid) : log.events(tid, from);
            for (Span s : SwitchTimeline.spans(ids.get(tid), names.get(tid), events, samples, horizon)) {
                if (s.endNanos() <= from) {
                    continue;
                }
                fresh.add(s.startNanos() >= from ? s
                        : new Span(s.task(), s.worker(), s.core(), s.state(), from, s.endNanos(), s.waitKind()));
            }
            placedUntil.put(tid, horizon);
        }
    }

    /** The threads seen so far (at most {@link TracedRun#MAX_THREADS}). */
    public synchronized int threads() {
        return ids.size();
    }
}
