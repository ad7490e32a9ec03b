package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.TraceListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of a traced program while it runs: each call places what the sampler saw since the last one, with
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

    LiveSpans(TreeSampler sampler, boolean attached) {
        this.sampler = sampler;
        this.attached = attached;
    }

    /** Places what is new since the last call and gives it to {@code listener}; returns how many spans. */
    public synchronized int publish(TraceListener listener) {
        List<Span> fresh = new ArrayList<>();
        sampler.read((threads, sweeps) -> {
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
        });
        List<Span> admitted = lanes.admit(fresh);
        for (Span s : admitted) {
            listener.onSpan(s);
        }
        return admitted.size();
    }

    /** The threads seen so far (at most {@link TracedRun#MAX_THREADS}). */
    public synchronized int threads() {
        return ids.size();
    }
}
