package dev.corelanes.engine;

/**
 * The CPU time one task's own code uses, whatever thread runs it.
 *
 * <p>A platform thread has its own CPU clock: read at the task's start and end. A virtual thread has none the
 * JDK reads, so it is timed on its carriers ({@link CarrierClock}): a stretch opens when the task's code starts
 * and after each point where it may leave its carrier (a sleep, a wait for the GIL), and closes before each such
 * point and at its end; only the stretches count, never the carrier's time between them running other virtual
 * threads. The code between two such points only records spans into lock-free queues, so it stays on one
 * carrier; a stretch whose two readings still came from two carriers makes the task's CPU time unknown, never
 * a guess. 10 000 sleeping virtual threads then read the microseconds their own code used, apart from the
 * runtime's work of creating and scheduling them.
 */
final class TaskCpu {

    private final boolean virtual;
    private long from;
    private long carrier;
    private long total;
    private boolean lost;

    private TaskCpu(boolean virtual) {
        this.virtual = virtual;
    }

    /** Starts timing the calling thread's task. */
    static TaskCpu start() {
        TaskCpu c = new TaskCpu(Thread.currentThread().isVirtual());
        if (c.virtual) {
            c.open();
        } else {
            c.from = platformCpu();
        }
        return c;
    }

    /** Before a call that may take the task off its carrier (sleep, a lock): closes the stretch. */
    void pause() {
        if (virtual && !lost) {
            close();
        }
    }

    /** After such a call: opens the next stretch, on whichever carrier the task is now. */
    void resume() {
        if (virtual && !lost) {
            open();
        }
    }

    /** The task's CPU time in nanoseconds, or -1 when it could not be measured. */
    long stop() {
        if (!virtual) {
            long to = platformCpu();
            return from < 0 || to < 0 ? -1 : Math.max(0, to - from);
        }
        if (!lost) {
            close();
        }
        return lost ? -1 : total;
    }

    private void open() {
        from = CarrierClock.cpuNanos();
        carrier = CarrierClock.thread();
        lost = from < 0;
    }

    private void close() {
        long to = CarrierClock.cpuNanos();
        if (to < from || CarrierClock.thread() != carrier) {
            lost = true; // moved to another carrier mid-stretch: this stretch cannot be told apart
        } else {
            total += to - from;
        }
    }

    private static long platformCpu() {
        return ThreadCpuClock.currentThreadNanos();
    }
}
