package dev.corelanes.engine.trace;

import dev.corelanes.engine.trace.linux.PerfLayout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's own record of a traced tree's threads: when each was put on a CPU and taken off it (still runnable or
 * to sleep), started and ended, on the run's timeline. Filled by the reader of the kernel's records (any thread),
 * read by whoever places the spans ({@link SwitchTimeline}); every method holds this object's lock. Records of one
 * thread come from one buffer per CPU, so they may arrive out of order: each is put in its place.
 */
final class SwitchLog implements PerfLayout.Sink {

    /** What happened to a thread at one instant. */
    enum Kind { IN, OUT_PREEMPTED, OUT_SLEEPING, STARTED, EXITED }

    /**
     * @param nanos when, on the run's timeline
     * @param cpu   the CPU put on or taken off, -1 for a start or an exit
     */
    record Event(long nanos, int cpu, Kind kind) {
    }

    private final long originNanos;
    private final Map<Integer, List<Event>> events = new LinkedHashMap<>();
    private final Map<Integer, Integer> pids = new HashMap<>();
    private final Map<Integer, Integer> parents = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private long records;
    private long lost;

    /** @param originNanos {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux, the records' clock) at time 0 */
    SwitchLog(long originNanos) {
        this.originNanos = originNanos;
    }

    @Override
    public synchronized void switched(int pid, int tid, long time, int cpu, boolean out, boolean preempted) {
        pids.putIfAbsent(tid, pid);
        add(tid, new Event(time - originNanos, cpu, !out ? Kind.IN : preempted ? Kind.OUT_PREEMPTED : Kind.OUT_SLEEPING));
    }

    @Override
    public synchronized void forked(int pid, int ppid, int tid, int ptid, long time) {
        pids.put(tid, pid);
        parents.put(tid, ptid);
        add(tid, new Event(time - originNanos, -1, Kind.STARTED));
    }

    @Override
    public synchronized void exited(int pid, int tid, long time) {
        add(tid, new Event(time - originNanos, -1, Kind.EXITED));
    }

    @Override
    public synchronized void named(int pid, int tid, String comm, boolean exec, long time) {
        records++;
        names.put(tid, comm);
    }

    @Override
    public synchronized void lost(long count, long time) {
        records++;
        lost += count;
    }

    private void add(int tid, Event e) {
        records++;
        List<Event> list = events.computeIfAbsent(tid, k -> new ArrayList<>());
        int at = list.size();
        while (at > 0 && list.get(at - 1).nanos() > e.nanos()) {
            at--; // nearly always at the end: only another CPU's buffer, read a little later, is out of order
        }
        list.add(at, e);
    }

    /** The threads recorded, in the order first recorded. */
    synchronized List<Integer> threads() {
        return List.copyOf(events.keySet());
    }

    /** One thread's events in time order (a copy). */
    synchronized List<Event> events(int tid) {
        List<Event> e = events.get(tid);
        return e == null ? List.of() : List.copyOf(e);
    }

    /**
     * One thread's events from the last one at or before {@code from} on (a copy), or all of them when none is: what
     * the spans after {@code from} depend on. The live lanes ask for this at every pass, so a long trace is not
     * copied and placed again from its start ten times a second.
     */
    synchronized List<Event> events(int tid, long from) {
        List<Event> e = events.get(tid);
        if (e == null) {
            return List.of();
        }
        int lo = 0;
        int hi = e.size() - 1;
        int at = 0;
        while (lo <= hi) { // the last event at or before `from`
            int mid = (lo + hi) >>> 1;
            if (e.get(mid).nanos() <= from) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return List.copyOf(e.subList(at, e.size()));
    }

    synchronized boolean has(int tid) {
        return events.containsKey(tid);
    }

    /** The process of thread {@code tid}, or -1. */
    synchronized int pid(int tid) {
        return pids.getOrDefault(tid, -1);
    }

    /** The thread that started {@code tid}, or -1. */
    synchronized int parent(int tid) {
        return parents.getOrDefault(tid, -1);
    }

    /** Its latest name from a comm record, or "". */
    synchronized String name(int tid) {
        return names.getOrDefault(tid, "");
    }

    synchronized long records() {
        return records;
    }

    /** How many records the kernel dropped (its buffer was full). */
    synchronized long lost() {
        return lost;
    }
}
