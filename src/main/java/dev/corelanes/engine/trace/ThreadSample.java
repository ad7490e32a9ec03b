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
 * @param cpu       the CPU it last ran on
 * @param runNanos  its total time on a CPU so far (schedstat)
 * @param waitNanos its total time runnable but waiting for a CPU so far (schedstat)
 * @param slices    how many times it has been put on a CPU so far (schedstat)
 * @param waitKind  where it waits when off the CPU (from wchan), {@link WaitKind#NONE} when runnable
 */
public record ThreadSample(long nanos, int pid, int tid, String comm, char state, int cpu, long runNanos,
                           long waitNanos, long slices, WaitKind waitKind) {

    public boolean runnable() {
        return state == 'R';
    }
}
