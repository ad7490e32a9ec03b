package dev.corelanes.engine.platform;

import java.util.Collection;
import java.util.List;

/**
 * Another process tree's threads as an OS without Linux's {@code /proc} reports them, read one snapshot at a time:
 * macOS ({@code proc_pidinfo}) and Windows ({@code NtQuerySystemInformation}). Each thread's state and CPU time,
 * never the CPU it ran on — neither OS tells it for another process's thread ({@link #note()} says so in one line).
 * Linux has its own, richer reader ({@code engine.trace.linux.ProcReader}) and no table here.
 */
public interface ThreadTable {

    /**
     * The processes {@code tree} names that are still alive, and every process whose parent is among them (their
     * children, and theirs), each with its threads, in one reading.
     */
    List<OsProcess> read(Collection<Integer> tree);

    /** Why this table cannot be read here (its OS library did not bind), in one line; "" when it can. */
    String unavailableReason();

    /** True when process {@code pid} exists. */
    boolean alive(int pid);

    /** The command line of {@code pid}, or its image name, or "" when neither can be read. */
    String command(int pid);

    /**
     * One plain line for the run's notes, CLI and window: that this OS does not tell which CPU another process's
     * thread ran on (so threads are drawn by state, not on core lanes), and what its states cannot tell apart.
     */
    String note();
}
