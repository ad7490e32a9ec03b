package dev.corelanes.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of a run's time its tasks computed at the same moment, read from its running spans: the answer to "did my
 * program's threads ever run on two CPUs at once?". Two running spans at one instant are on two CPUs (the lanes
 * never show two tasks on one CPU at once: where the samples cannot tell them apart the stretch is uncertain, not
 * running), so time with two or more running tasks is time on two or more CPUs. Derived once, here, through
 * {@link RunFigures#overlap}; written by {@link FigureText#overlap}.
 *
 * @param runningNanos     time at least one task was running
 * @param parallelNanos    time two or more tasks were running at once (on as many CPUs)
 * @param sameProcessNanos of that, time two or more threads of one process were running at once — what the GIL
 *                         forbids a CPython process
 * @param mostAtOnce       the most tasks running at one moment
 * @param threads          tasks (a traced program's threads) in the run
 * @param processes        processes they belonged to (1 when the run names no process ids)
 */
public record Overlap(long runningNanos, long parallelNanos, long sameProcessNanos, int mostAtOnce, int threads,
                      int processes) {

    public static final Overlap NONE = new Overlap(0, 0, 0, 0, 0, 0);

    /** The overlap of {@code t}'s running spans. */
    static Overlap of(Trace t) {
        Map<String, Long> pidOf = new HashMap<>();
        for (WorkerInfo w : t.workers()) {
            pidOf.put(w.name(), w.pid());
        }
        record Edge(long at, int delta, long pid) {
        }
        List<Edge> edges = new ArrayList<>();
        for (Span s : t.spans()) {
            if (s.state() == SpanState.RUNNING && s.task() != Span.NO_TASK && s.durationNanos() > 0) {
                long pid = pidOf.getOrDefault(s.worker(), -1L);
                edges.add(new Edge(s.startNanos(), 1, pid));
                edges.add(new Edge(s.endNanos(), -1, pid));
            }
        }
        // Ends before starts at one instant: spans that only touch do not overlap.
        edges.sort(java.util.Comparator.comparingLong(Edge::at).thenComparingInt(Edge::delta));
        Map<Long, Integer> perProcess = new HashMap<>();
        int running = 0;
        int crowded = 0; // processes with two or more threads running now
        int most = 0;
        long run = 0;
        long parallel = 0;
        long same = 0;
        long last = 0;
        for (Edge e : edges) {
            long dt = e.at() - last;
            if (dt > 0) {
                run += running > 0 ? dt : 0;
                parallel += running > 1 ? dt : 0;
                same += crowded > 0 ? dt : 0;
            }
            last = e.at();
            running += e.delta();
            int before = perProcess.getOrDefault(e.pid(), 0);
            int after = before + e.delta();
            perProcess.put(e.pid(), after);
            if (before < 2 && after >= 2) {
                crowded++;
            } else if (before >= 2 && after < 2) {
                crowded--;
            }
            most = Math.max(most, running);
        }
        long processes = t.workers().stream().mapToLong(WorkerInfo::pid).filter(p -> p > 0).distinct().count();
        return new Overlap(run, parallel, same, most, t.tasks().size(), (int) Math.max(1, processes));
    }

    /** The share of the run's wall time {@code nanos} is, 0 when there is no wall time. */
    public static double share(long nanos, long wallNanos) {
        return wallNanos <= 0 ? 0 : Math.min(1, (double) nanos / wallNanos);
    }
}
