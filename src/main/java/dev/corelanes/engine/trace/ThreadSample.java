package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
/**
 * One reading of one thread of a traced program.
 *
 * @param nanos     when it was read, on the run's timeline (nanoseconds since the run's time 0)
 * @param pid       its process
 * @param tid       the thread (Linux thread id; the process's main thread has tid == pid)
 * @param comm      the thread's name as the OS knows it (Java and Python set it for their named threads)
 * @param state     the kernel's state letter: R running or runnable, S sleeping, D uninterruptible (I/O)…
 * @param cpu       the CPU it last ran on, {@link dev.corelanes.engine.Span#NO_CORE} where the OS does not say
 * @param runNanos  its total time on a CPU so far (schedstat; elsewhere the OS's user + kernel CPU time)
 * @param waitNanos its total time runnable but waiting for a CPU so far (schedstat; 0 where the OS keeps no such total)
 * @param slices    how many times it has been put on a CPU so far (schedstat)
 * @param waitKind  where it waits when off the CPU (from wchan), {@link WaitKind#NONE} when runnable
 * @param waitingForCpu true when the OS says the thread is runnable but not on a CPU at this reading (Windows Ready,
 *                  Standby, DeferredReady); false where it does not tell the two apart (Linux R, macOS running)
 */
public record ThreadSample(long nanos, int pid, int tid, String comm, char state, int cpu, long runNanos,
                           long waitNanos, long slices, WaitKind waitKind, boolean waitingForCpu) {

    /** A reading from an OS that does not say whether a runnable thread is on a CPU (Linux's /proc). */
    public ThreadSample(long nanos, int pid, int tid, String comm, char state, int cpu, long runNanos, long waitNanos,
                        long slices, WaitKind waitKind) {
        this(nanos, pid, tid, comm, state, cpu, runNanos, waitNanos, slices, waitKind, false);
    }

    public boolean runnable() {
        return state == 'R';
    }
}
