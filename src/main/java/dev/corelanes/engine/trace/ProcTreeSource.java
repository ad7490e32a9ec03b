package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.trace.linux.ProcReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Linux: a process tree's threads from {@code /proc}, each sweep. Every thread's {@code stat}, {@code schedstat}
 * and {@code wchan} are kept open and read again (one {@code pread} each); new processes are found by reading
 * {@code /proc} for process ids not seen before (Linux hands out ids in increasing order), so finding children
 * costs one directory listing per sweep, not a read of every process on the machine. A process that starts and
 * ends between two sweeps is not seen.
 */
final class ProcTreeSource implements TreeSource {

    private final ProcReader proc;
    private final int rootPid;
    private final long originNanos;
    private Map<Integer, List<ThreadSample>> threads;
    private Map<Integer, ProcessSeen> processes;
    private final Map<Integer, Integer> checkedPids = new HashMap<>(); // every pid looked at, with its parent
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Watched> open = new HashMap<>();
    /** The thread ids of each process as last listed: listed again only when the kernel handed out new ids. */
    private final Map<Integer, List<Integer>> taskIds = new HashMap<>();
    /** True when the kernel handed out an id since the sweep before (a thread or process may have started). */
    private boolean idsMoved = true;
    private final java.util.Set<Integer> seenThisSweep = new java.util.HashSet<>();
    private final Map<Integer, Integer> retry = new HashMap<>();
    /** More new ids than this since the last sweep: one listing of /proc is cheaper than looking at each. */
    private static final int MAX_ID_STEP = 64;
    private int lastPid = -1;

    /**
     * @param rootPid     the traced tree's root
     * @param originNanos {@link System#nanoTime()} at the run's time 0 (each thread's sample is timed as it is read)
     */
    ProcTreeSource(ProcReader proc, int rootPid, long originNanos) {
        this.proc = proc;
        this.rootPid = rootPid;
        this.originNanos = originNanos;
    }

    @Override
    public long ownTid() {
        return proc.ownTid();
    }

    @Override
    public void close() {
        open.values().forEach(w -> w.files.close());
        open.clear();
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

    @Override
    public void sweep(long now, Map<Integer, List<ThreadSample>> threads, Map<Integer, ProcessSeen> processes) {
        this.threads = threads;
        this.processes = processes;
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
