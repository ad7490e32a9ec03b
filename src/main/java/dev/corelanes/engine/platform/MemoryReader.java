package dev.corelanes.engine.platform;

/**
 * A process's memory as this OS tells it, in bytes; -1 wherever the OS has no such figure (or the process is gone,
 * or not ours to read): the callers then say "not measured" rather than guess.
 *
 * <ul>
 *   <li><b>resident</b> — the pages in RAM now, shared ones included: Linux VmRSS, Windows's working set, macOS's
 *   resident size;</li>
 *   <li><b>unique</b> — what only this process holds, what the machine gets back when it ends: Linux
 *   Private_Clean + Private_Dirty (USS), Windows's private working set (Windows 10 22H2 / 11 22H2 with the
 *   September 2023 update and later), macOS's physical footprint;</li>
 *   <li><b>peak of self</b> — the largest resident set this process has had: Linux VmHWM, Windows
 *   PeakWorkingSetSize, macOS {@code getrusage} ru_maxrss.</li>
 * </ul>
 */
public interface MemoryReader {

    long resident(long pid);

    long unique(long pid);

    long peakOfSelf();

    /** What this reader reads, in words for documentation and messages ("/proc", "GetProcessMemoryInfo"). */
    String source();

    default long residentOfSelf() {
        return resident(ProcessHandle.current().pid());
    }

    default long uniqueOfSelf() {
        return unique(ProcessHandle.current().pid());
    }

    /** A reader for an OS that tells nothing. */
    static MemoryReader none(String why) {
        return new MemoryReader() {
            @Override
            public long resident(long pid) {
                return -1;
            }

            @Override
            public long unique(long pid) {
                return -1;
            }

            @Override
            public long peakOfSelf() {
                return -1;
            }

            @Override
            public String source() {
                return why;
            }
        };
    }
}
