package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.trace.linux.ProcReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples every thread of a process tree from {@code /proc} on one thread of its own, until stopped: each sweep
 * reads every known thread's state, CPU and scheduler totals ({@link ThreadSample}) and looks for processes
 * started since the last one (children started later included).
 *
 * <p>Cheap and honest: the sampler measures its own CPU time (this thread's CPU clock) and adapts its period so
 * that it uses at most {@link #TARGET_SHARE} of one core, whatever the number of threads — a few threads are read
 * every {@link #MIN_PERIOD_NANOS}, 64 threads less often. New processes are found by reading {@code /proc} for
 * process ids not seen before (Linux hands out ids in increasing order), so finding children costs one directory
 * listing per sweep, not a read of every process on the machine. A process that starts and ends between two sweeps
 * is not seen.
 */
public final class TreeSampler {

    /** The sampler's budget: 3 % of one core. */
    public static final double TARGET_SHARE = 0.03;
    public static final long MIN_PERIOD_NANOS = 2_000_000L;
    public static final long MAX_PERIOD_NANOS = 200_000_000L;

    private final ProcReader proc;
    private final int rootPid;
    private final long originNanos;
    private final Map<Integer, List<ThreadSample>> threads = new LinkedHashMap<>();
    private final Map<Integer, ProcessSeen> processes = new LinkedHashMap<>();
    private final Map<Integer, Integer> checkedPids = new HashMap<>(); // every pid looked at, with its parent
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, ProcReader.OpenThread> open = new HashMap<>();
    private final java.util.Set<Integer> seenThisSweep = new java.util.HashSet<>();
    private final Map<Integer, Integer> retry = new HashMap<>();
    /** More new ids than this since the last sweep: one listing of /proc is cheaper than looking at each. */
    private static final int MAX_ID_STEP = 64;
    private int lastPid = -1;
    private final List<Long> sweepTimes = new ArrayList<>();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private volatile boolean stopping;
    private Thread thread;
    private long ownCpuNanos;
    private long periodSum;
    private long periodNow = MIN_PERIOD_NANOS;
    private long startedNanos;
    private long stoppedNanos;
    private volatile long samplerTid = -1;

    /**
     * @param rootPid     the traced tree's root (the command run, or the process attached to)
     * @param originNanos {@link System#nanoTime()} at the run's time 0
     */
    public TreeSampler(ProcReader proc, int rootPid, long originNanos) {
        this.proc = proc;
        this.rootPid = rootPid;
        this.originNanos = originNanos;
    }

    /** Starts sampling on a thread of its own; the first sweep happens at once. */
    public synchronized void start() {
        stopping = false;
        thread = Thread.ofPlatform().daemon(true).name("corelanes-trace-sampler").start(this::loop);
    }

    /**
     * One sweep now, on the calling thread (a cancel, just before the tree is killed: what ran until then is in the
     * run, however recently it started). Its cost is the caller's, not the sampler's.
     */
    public synchronized void sweepNow() {
        if (thread != null && thread.isAlive()) {
            sweep();
        }
    }

    /** Takes one last sweep and stops; returns what was seen. Any thread. */
    public Sampling stop() throws InterruptedException {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            t.join();
        }
        synchronized (this) {
            Map<Integer, List<ThreadSample>> copy = new LinkedHashMap<>();
            threads.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            int sweeps = sweepTimes.size();
            long achieved = sweeps > 1 ? (sweepTimes.get(sweeps - 1) - sweepTimes.get(0)) / (sweeps - 1) : periodNow;
            return new Sampling(rootPid, copy, List.copyOf(processes.values()), List.copyOf(sweepTimes), ownCpuNanos,
                    Math.max(1, stoppedNanos - startedNanos), achieved, sweeps > 1 ? periodSum / (sweeps - 1) : periodNow,
                    samplerTid);
        }
    }

    private void loop() {
        samplerTid = proc.ownTid();
        startedNanos = System.nanoTime();
        long costAverage = -1;
        while (true) {
            boolean last = stopping;
            long cpu0 = mx.getCurrentThreadCpuTime();
            synchronized (this) {
                sweep();
            }
            long cost = Math.max(0, mx.getCurrentThreadCpuTime() - cpu0);
            ownCpuNanos += cost;
            if (last) {
                break;
            }
            // The first sweep lists the machine's processes once and runs cold code: it says nothing of the rest.
            if (sweepTimes.size() > 1) {
                costAverage = costAverage < 0 ? cost : (costAverage * 7 + cost) / 8;
            }
            periodNow = costAverage < 0 ? MIN_PERIOD_NANOS : periodFor(costAverage);
            periodSum += periodNow;
            long next = System.nanoTime() + periodNow;
            while (!stopping && System.nanoTime() < next) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        stoppedNanos = System.nanoTime();
        synchronized (this) {
            open.values().forEach(ProcReader.OpenThread::close);
            open.clear();
        }
    }

    /** The period that keeps a sweep costing {@code costNanos} of CPU within {@link #TARGET_SHARE} of one core. */
    public static long periodFor(long costNanos) {
        long p = (long) (costNanos / TARGET_SHARE);
        return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, p));
    }

    private void sweep() {
        long now = System.nanoTime() - originNanos;
        sweepTimes.add(now);
        findNewProcesses(now);
        seenThisSweep.clear();
        for (ProcessSeen p : List.copyOf(processes.values())) {
            if (p.exited()) {
                continue;
            }
            List<Integer> tids = proc.tasks(p.pid());
            boolean any = false;
            for (int tid : tids) {
                any |= sample(p.pid(), tid);
            }
            long t = System.nanoTime() - originNanos;
            String comm = names.getOrDefault(p.pid(), p.comm()); // the main thread's latest name: after an exec, the new program's
            processes.put(p.pid(), any ? new ProcessSeen(p.pid(), p.ppid(), comm, p.command(), p.firstNanos(), t,
                    ProcessSeen.STILL_ALIVE)
                    : new ProcessSeen(p.pid(), p.ppid(), comm, p.command(), p.firstNanos(), p.lastNanos(), t));
        }
        // Threads not seen in this sweep are gone: their files are closed.
        open.entrySet().removeIf(e -> {
            if (seenThisSweep.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    /** Reads one thread; false when it is gone or a zombie. */
    private boolean sample(int pid, int tid) {
        ProcReader.OpenThread files = open.get(tid);
        if (files == null) {
            files = proc.open(pid, tid);
            if (files == null) {
                return false;
            }
            open.put(tid, files);
        }
        seenThisSweep.add(tid);
        ProcReader.Stat st = files.stat();
        ProcReader.SchedStat ss = st == null || st.ended() ? null : files.schedStat();
        if (ss == null) {
            return false;
        }
        long t = System.nanoTime() - originNanos;
        WaitKind wait = st.runnable() ? WaitKind.NONE : WaitKind.of(st.state(), proc.wchan(pid, tid));
        String comm = names.merge(tid, st.comm(), (old, now) -> old.equals(now) ? old : now);
        threads.computeIfAbsent(tid, k -> new ArrayList<>()).add(new ThreadSample(t, pid, tid, comm, st.state(),
                st.cpu(), ss.runNanos(), ss.waitNanos(), ss.slices(), wait));
        return true;
    }

    /**
     * Adds processes whose parent is in the tree. Cheap while nothing starts: the kernel's last handed-out id
     * ({@code /proc/loadavg}) says which ids are new since the last sweep, and only those are looked at (an id not
     * there yet, a fork still under way, is looked at again for two sweeps). A jump of many ids, or ids that
     * wrapped around, costs one listing of {@code /proc}.
     */
    private void findNewProcesses(long now) {
        int last = proc.lastPid();
        if (lastPid >= 0 && last >= 0 && last >= lastPid && last - lastPid <= MAX_ID_STEP) {
            List<Integer> candidates = new ArrayList<>(retry.keySet());
            for (int pid = lastPid + 1; pid <= last; pid++) {
                candidates.add(pid);
            }
            lastPid = last;
            for (int pid : new TreeSet<>(candidates)) {
                ProcReader.Stat s = proc.processStat(pid);
                if (s == null) {
                    int tries = retry.getOrDefault(pid, 0) + 1;
                    if (tries <= 2) {
                        retry.put(pid, tries);
                    } else {
                        retry.remove(pid);
                    }
                    continue;
                }
                retry.remove(pid);
                checkedPids.put(pid, s.ppid());
                if (processes.containsKey(s.ppid()) && !processes.containsKey(pid) && !s.ended()
                        && proc.isProcess(pid)) {
                    processes.put(pid, new ProcessSeen(pid, s.ppid(), s.comm(), proc.cmdline(pid), now, now,
                            ProcessSeen.STILL_ALIVE));
                }
            }
            return;
        }
        lastPid = last;
        retry.clear();
        List<Integer> fresh = new ArrayList<>();
        boolean firstScan = checkedPids.isEmpty();
        if (processes.isEmpty()) {
            fresh.add(rootPid);
        }
        for (int pid : listPids()) {
            if (firstScan && pid < rootPid) {
                checkedPids.put(pid, -1); // older than the root: not its child (unless ids wrapped meanwhile)
            } else if (!checkedPids.containsKey(pid)) {
                fresh.add(pid);
            }
        }
        for (int pid : new TreeSet<>(fresh)) { // parents before their children (ids increase, until they wrap)
            ProcReader.Stat s = proc.processStat(pid);
            if (s == null) {
                continue;
            }
            checkedPids.put(pid, s.ppid());
            boolean inTree = pid == rootPid || processes.containsKey(s.ppid());
            if (inTree && !processes.containsKey(pid) && !s.ended()) {
                processes.put(pid, new ProcessSeen(pid, s.ppid(), s.comm(), proc.cmdline(pid), now, now,
                        ProcessSeen.STILL_ALIVE));
            }
        }
    }

    private List<Integer> listPids() {
        return proc.processIds();
    }
}
