package dev.corelanes.engine;

import java.util.Locale;

/**
 * The peak resident memory of a run's worker processes (JVM or Python children), from their
 * {@link WorkerInfo}: each reports its own as it ends (Linux VmHWM, Windows PeakWorkingSetSize, macOS ru_maxrss). Threads
 * share their process's memory and have none of their own.
 *
 * @param processes worker processes in the run
 * @param measured  how many of them reported a peak
 * @param minBytes  the smallest reported peak (-1 when none)
 * @param maxBytes  the largest reported peak (-1 when none)
 */
public record ProcessMemory(int processes, int measured, long minBytes, long maxBytes) {

    public static ProcessMemory of(Trace t) {
        if (t.runtime().program()) {
            return new ProcessMemory(0, 0, -1, -1); // a traced program's memory is not measured (its workers are threads)
        }
        int processes = 0;
        int measured = 0;
        long min = Long.MAX_VALUE;
        long max = -1;
        for (WorkerInfo w : t.workers()) {
            if (w.pid() <= 0) {
                continue;
            }
            processes++;
            if (w.peakRssBytes() > 0) {
                measured++;
                min = Math.min(min, w.peakRssBytes());
                max = Math.max(max, w.peakRssBytes());
            }
        }
        return new ProcessMemory(processes, measured, measured == 0 ? -1 : min, max);
    }

    /**
     * "peak resident 10.1–10.4 MiB per worker process (4 of 4 measured)", or why there is no figure; empty
     * for a run with no worker processes.
     */
    public String describe(TaskStatus status) {
        if (processes == 0) {
            return "";
        }
        if (measured == 0) {
            return status == TaskStatus.COMPLETED
                    ? "peak resident memory of the worker processes: not measured on this OS"
                    : "peak resident memory of the worker processes: not measured (the run did not complete)";
        }
        String range = mib(minBytes).equals(mib(maxBytes)) ? mib(maxBytes) : mib(minBytes) + "–" + mib(maxBytes);
        return "peak resident " + range + " per worker process (" + measured + " of " + processes + " measured)";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
