package dev.corelanes.engine.platform;

/**
 * One thread of another process as an OS's thread table reports it at one instant (macOS {@code proc_pidinfo},
 * Windows {@code NtQuerySystemInformation}): its state in words every OS can share, what it waits for where the OS
 * says so plainly, and its CPU time so far. No CPU number: neither OS tells which CPU another process's thread ran
 * on.
 *
 * @param tid      the OS's thread id (a 64-bit value on macOS)
 * @param name     its name, "" when it has none
 * @param state    its state
 * @param waitsFor what it waits for when {@link State#SLEEPING}; {@link Wait#UNKNOWN} unless the OS says it clearly
 * @param cpuNanos its CPU time so far, user and kernel together (the OS's totals, at their resolution)
 */
public record OsThread(long tid, String name, State state, Wait waitsFor, long cpuNanos) {

    public OsThread {
        name = name == null ? "" : name;
        state = state == null ? State.UNKNOWN : state;
        waitsFor = waitsFor == null ? Wait.UNKNOWN : waitsFor;
    }

    /** A thread's state, as far as the OS tells it apart. */
    public enum State {
        /** On a CPU now (Windows Running). */
        RUNNING,
        /** On a CPU or ready for one: the OS does not tell them apart (macOS {@code TH_STATE_RUNNING}). */
        RUNNING_OR_RUNNABLE,
        /** Ready to run and waiting for a CPU (Windows Ready, Standby, DeferredReady). */
        READY,
        /** Off the CPU, waiting for something (a timer, an event, I/O). */
        SLEEPING,
        /** Waiting and cannot be woken by a signal (macOS {@code TH_STATE_UNINTERRUPTIBLE}). */
        SLEEPING_UNINTERRUPTIBLE,
        /** Stopped or suspended: not waiting for anything, and not let run. */
        STOPPED,
        /** Ended, or ending. */
        ENDED,
        /** A state the documentation does not make clear. */
        UNKNOWN
    }

    /** What a sleeping thread waits for, only where the OS's own reason says so clearly. */
    public enum Wait {
        UNKNOWN, TIMER, LOCK, IO
    }
}
