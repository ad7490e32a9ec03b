package dev.corelanes.engine.trace;

/**
 * One process of a traced tree as the sampler saw it: when it was first and last seen alive, and when it was
 * first missed (it exited in between; {@link #STILL_ALIVE} while it runs).
 *
 * @param pid        process id
 * @param ppid       its parent when first seen
 * @param comm       its name as the OS knows it
 * @param command    its command line ("" when unreadable)
 * @param firstNanos first seen (run timeline)
 * @param lastNanos  last seen alive
 * @param goneNanos  first sweep that found it gone, or {@link #STILL_ALIVE}
 */
public record ProcessSeen(int pid, int ppid, String comm, String command, long firstNanos, long lastNanos,
                          long goneNanos) {

    public static final long STILL_ALIVE = -1;

    public boolean exited() {
        return goneNanos != STILL_ALIVE;
    }
}
