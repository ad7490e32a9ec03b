package dev.corelanes.engine.lab;

import dev.corelanes.engine.platform.host.Host;

/**
 * A process's memory for the labs, as this OS tells it ({@link Host#memory()}: Linux's /proc, Windows's
 * GetProcessMemoryInfo, macOS's proc_pid_rusage); -1 wherever it does not (the process gone, an OS without the
 * figure): the labs then say "not measured" rather than guess.
 *
 * <ul>
 *   <li><b>resident</b> — the pages in RAM, shared ones (the JDK's libraries, the class-data archive) included;</li>
 *   <li><b>unique</b> — the pages only this process holds, what the machine gets back when it ends (Linux's
 *   private pages, often called USS; Windows's private working set; macOS's physical footprint).</li>
 * </ul>
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    public static long ofSelf() {
        return Host.memory().residentOfSelf();
    }

    /** Current resident set of a process. */
    public static long ofPid(long pid) {
        return Host.memory().resident(pid);
    }

    public static long uniqueOfSelf() {
        return Host.memory().uniqueOfSelf();
    }

    /** Memory only this process holds, or -1 where the OS does not tell. */
    public static long uniqueOfPid(long pid) {
        return Host.memory().unique(pid);
    }
}
