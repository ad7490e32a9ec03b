package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.platform.OsProcess;
import dev.corelanes.engine.platform.OsThread;
import dev.corelanes.engine.platform.ThreadTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * macOS and Windows: a process tree's threads from the OS's thread table ({@link ThreadTable}), one reading per
 * sweep. Each thread's state becomes the state letter Linux would give ({@link #sample}): running or runnable
 * {@code R}, asleep {@code S}, uninterruptible {@code D}, stopped {@code T}; its CPU time is the OS's user + kernel
 * total, and no CPU is named ({@link Span#NO_CORE}): neither OS tells it for another process's thread. A reading is
 * one instant: every thread of a sweep is timed at the sweep's start.
 */
final class TableTreeSource implements TreeSource {

    private final ThreadTable table;
    private final int rootPid;
    /** Thread ids that do not fit an int (macOS's 64-bit ids), numbered in the order first seen. */
    private final Map<Long, Integer> shortIds = new HashMap<>();
    private final Set<Integer> usedIds = new HashSet<>();
    private int nextShortId = 1;

    TableTreeSource(ThreadTable table, int rootPid) {
        this.table = table;
        this.rootPid = rootPid;
    }

    @Override
    public void sweep(long now, Map<Integer, List<ThreadSample>> threads, Map<Integer, ProcessSeen> processes) {
        List<Integer> tree = new ArrayList<>();
        if (processes.isEmpty()) {
            tree.add(rootPid);
        }
        processes.values().stream().filter(p -> !p.exited()).forEach(p -> tree.add(p.pid()));
        Set<Integer> alive = new HashSet<>();
        for (OsProcess p : table.read(tree)) {
            ProcessSeen before = processes.get(p.pid());
            if (before != null && before.exited()) {
                continue; // gone once: a process with its id now is another one
            }
            boolean any = false;
            for (OsThread t : p.threads()) {
                ThreadSample s = sample(now, p, t, id(t.tid()));
                if (s != null) {
                    threads.computeIfAbsent(s.tid(), k -> new ArrayList<>()).add(s);
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            alive.add(p.pid());
            processes.put(p.pid(), before == null
                    ? new ProcessSeen(p.pid(), p.ppid(), p.name(), command(p), now, now, ProcessSeen.STILL_ALIVE)
                    : new ProcessSeen(p.pid(), before.ppid(), before.comm(), before.command(), before.firstNanos(), now,
                    ProcessSeen.STILL_ALIVE));
        }
        for (ProcessSeen p : List.copyOf(processes.values())) {
            if (!p.exited() && !alive.contains(p.pid())) {
                processes.put(p.pid(), new ProcessSeen(p.pid(), p.ppid(), p.comm(), p.command(), p.firstNanos(),
                        p.lastNanos(), now));
            }
        }
    }

    private String command(OsProcess p) {
        String c = table.command(p.pid());
        return c.isBlank() ? p.name() : c;
    }

    /** The thread's id as the run keeps it: itself when it fits an int (Windows), else a number of its own. */
    private int id(long tid) {
        if (tid > 0 && tid <= Integer.MAX_VALUE) {
            usedIds.add((int) tid);
            return (int) tid;
        }
        return shortIds.computeIfAbsent(tid, k -> {
            while (usedIds.contains(nextShortId)) {
                nextShortId++;
            }
            usedIds.add(nextShortId);
            return nextShortId++;
        });
    }

    /**
     * One thread's reading as a sample, or null when it has ended. Running, running-or-runnable (macOS) and ready
     * (Windows, also {@link ThreadSample#waitingForCpu}) are {@code R}; a sleep waits on what the OS said plainly,
     * else on "other"; a state the OS's documentation does not make clear is off the CPU ({@code ?}, "other").
     */
    static ThreadSample sample(long now, OsProcess p, OsThread t, int tid) {
        char state = switch (t.state()) {
            case RUNNING, RUNNING_OR_RUNNABLE, READY -> 'R';
            case SLEEPING -> 'S';
            case SLEEPING_UNINTERRUPTIBLE -> 'D';
            case STOPPED -> 'T';
            case ENDED -> 'X';
            case UNKNOWN -> '?';
        };
        if (state == 'X') {
            return null;
        }
        WaitKind wait = state == 'R' ? WaitKind.NONE : waitKind(t.waitsFor());
        String name = t.name().isBlank() ? p.name() : t.name();
        return new ThreadSample(now, p.pid(), tid, name, state, Span.NO_CORE, t.cpuNanos(), 0, 0, wait,
                t.state() == OsThread.State.READY);
    }

    private static WaitKind waitKind(OsThread.Wait w) {
        return switch (w) {
            case TIMER -> WaitKind.TIMER;
            case LOCK -> WaitKind.LOCK;
            case IO -> WaitKind.IO;
            case UNKNOWN -> WaitKind.OTHER;
        };
    }

    @Override
    public long ownTid() {
        return -1;
    }

    @Override
    public void close() {
        // a table reading keeps nothing open
    }
}
