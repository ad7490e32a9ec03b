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
    /** The share aimed at, as a part of the budget: the margin keeps the share measured over a run within it. */
    static final double AIM = 0.85;

    private final ProcReader proc;
    private final int rootPid;
    private final long originNanos;
    private final Map<Integer, List<ThreadSample>> threads = new LinkedHashMap<>();
    private final Map<Integer, ProcessSeen> processes = new LinkedHashMap<>();
    private final Map<Integer, Integer> checkedPids = new HashMap<>(); // every pid looked at, with its parent
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Watched> open = new HashMap<>();
    /** The thread ids of each process as last listed: listed again only when the kernel handed out new ids. */
    private final Map<Integer, List<Integer>> taskIds = new HashMap<>();
    /** True when the kernel handed out an id since the sweep before (a thread or process may have started). */
    private boolean idsMoved = true;
    private final java.util.concurrent.CountDownLatch firstSweep = new java.util.concurrent.CountDownLatch(1);
    private long firstSweepNanos = -1;
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

    /**
     * A thread being watched: its files kept open, and what its last {@code stat} and {@code wchan} said. A thread
     * that has not run since the last sweep, and was not runnable then, still sleeps where it slept and last ran on
     * the same CPU: its {@code stat} and {@code wchan} are not read again (only its cheap {@code schedstat}), except
     * every {@link #STAT_REFRESH_SWEEPS} sweeps, which catches one woken meanwhile and still waiting for a CPU.
     */
    private static final class Watched {
        final ProcReader.OpenThread files;
        WaitKind wait = WaitKind.NONE;
        boolean haveStat;
        boolean haveWchan;
        int sweepsSinceStat;

        Watched(ProcReader.OpenThread files) {
            this.files = files;
        }
    }

    /** A thread asleep and not run since is read in full again at least this often (in sweeps). */
    static final int STAT_REFRESH_SWEEPS = 8;

    /**
     * Starts sampling on a thread of its own and returns once its first sweep is done (or after a second, on a
     * machine so busy that the sampler has not had a CPU yet): a program held stopped until then is seen before it
     * runs any code of its own.
     */
    public void start() {
        synchronized (this) {
            stopping = false;
            thread = Thread.ofPlatform().daemon(true).name("corelanes-trace-sampler").start(this::loop);
        }
        try { // not holding this object's lock, which each sweep takes
            firstSweep.await(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the first sweep began on the run's timeline, or -1 before it. */
    public long firstSweepNanos() {
        return firstSweepNanos;
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

    /**
     * Runs {@code reader} on what was seen so far — samples per thread in the order first seen, and when each sweep
     * began — with the sampling held still; the reader must not keep or change them ({@link LiveSpans} reads the
     * part that is new since it last looked).
     */
    synchronized void read(java.util.function.BiConsumer<Map<Integer, List<ThreadSample>>, List<Long>> reader) {
        reader.accept(java.util.Collections.unmodifiableMap(threads), java.util.Collections.unmodifiableList(sweepTimes));
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
        startedNanos = System.nanoTime();
        long cpuStart = mx.getCurrentThreadCpuTime();
        samplerTid = proc.ownTid();
        long costAverage = -1;
        long cpuBefore = cpuStart;
        while (true) {
            boolean last = stopping;
            synchronized (this) {
                sweep();
            }
            if (firstSweep.getCount() > 0) {
                firstSweep.countDown();
            }
            // Its cost is all this thread's CPU since the sweep before: the sweep, the wake-up and the wait.
            long cpuNow = mx.getCurrentThreadCpuTime();
            long cost = Math.max(0, cpuNow - cpuBefore);
            cpuBefore = cpuNow;
            ownCpuNanos = Math.max(0, cpuNow - cpuStart);
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
            open.values().forEach(w -> w.files.close());
            open.clear();
        }
    }

    /**
     * The period that keeps a sweep costing {@code costNanos} of CPU within {@link #TARGET_SHARE} of one core: aimed
     * at {@link #AIM} of it, as a sweep's cost varies (a busy machine, a burst of new threads) and the average lags.
     */
    public static long periodFor(long costNanos) {
        long p = (long) (costNanos / (TARGET_SHARE * AIM));
        return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, p));
    }

    private void sweep() {
        long now = System.nanoTime() - originNanos;
        if (firstSweepNanos < 0) {
            firstSweepNanos = now;
        }
        sweepTimes.add(now);
        findNewProcesses(now);
        seenThisSweep.clear();
        for (ProcessSeen p : List.copyOf(processes.values())) {
            if (p.exited()) {
                continue;
            }
            // No id handed out since the last sweep: no thread started anywhere, and the list still holds (threads
            // that ended read as gone).
            List<Integer> tids = taskIds.get(p.pid());
            if (tids == null || idsMoved) {
                tids = proc.tasks(p.pid());
                taskIds.put(p.pid(), tids);
            }
            boolean any = false;
            for (int tid : tids) {
                any |= sample(p.pid(), tid);
            }
            long t = System.nanoTime() - originNanos;
            String comm = names.getOrDefault(p.pid(), p.comm()); // the main thread's latest name: after an exec, the new program's
            String command = p.command();
            if (!comm.equals(p.comm()) && any) { // it exec'd (a held program's shell became the program): its new command
                String exec = proc.cmdline(p.pid());
                command = exec.isEmpty() ? command : exec;
            }
            processes.put(p.pid(), any ? new ProcessSeen(p.pid(), p.ppid(), comm, command, p.firstNanos(), t,
                    ProcessSeen.STILL_ALIVE)
                    : new ProcessSeen(p.pid(), p.ppid(), comm, command, p.firstNanos(), p.lastNanos(), t));
        }
        // Threads not seen in this sweep are gone: their files are closed.
        open.entrySet().removeIf(e -> {
            if (seenThisSweep.contains(e.getKey())) {
                return false;
            }
            e.getValue().files.close();
            return true;
        });
    }

    /**
     * Reads one thread; false when it is gone or a zombie. Its cheap {@code schedstat} first: a thread that has not
     * run since the last sweep and was asleep then is still asleep there ({@link Watched}).
     */
    private boolean sample(int pid, int tid) {
        Watched w = open.get(tid);
        if (w == null) {
            ProcReader.OpenThread files = proc.open(pid, tid);
            if (files == null) {
                return false;
            }
            w = new Watched(files);
            open.put(tid, w);
        }
        seenThisSweep.add(tid);
        ProcReader.OpenThread f = w.files;
        if (!f.readSchedStat()) {
            return false;
        }
        boolean still = w.haveStat && !f.ranSinceLast() && f.state() != 'R'
                && ++w.sweepsSinceStat < STAT_REFRESH_SWEEPS;
        if (!still) {
            if (!f.readStat()) {
                return false;
            }
            w.haveStat = true;
            w.sweepsSinceStat = 0;
        }
        char state = f.state();
        if (state == 'Z' || state == 'X' || state == 'x') {
            return false;
        }
        long t = System.nanoTime() - originNanos;
        if (state == 'R') {
            w.wait = WaitKind.NONE;
            w.haveWchan = false;
        } else if (!w.haveWchan || f.ranSinceLast()) { // a new sleep: where does it wait?
            w.wait = WaitKind.of(state, f.wchan());
            w.haveWchan = true;
        }
        String comm = f.comm();
        names.put(tid, comm);
        threads.computeIfAbsent(tid, k -> new ArrayList<>()).add(new ThreadSample(t, pid, tid, comm, state,
                f.cpu(), f.runNanos(), f.waitNanos(), f.slices(), w.wait));
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
        idsMoved = last < 0 || last != lastPid;
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
