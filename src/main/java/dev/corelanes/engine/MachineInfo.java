package dev.corelanes.engine;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The machine a run was measured on. {@code smtGroups} lists, per physical core, the logical CPUs that
 * share it (empty when unknown). Filled in by the hardware layer; the engine only carries it.
 */
public record MachineInfo(String cpu, int logicalCores, int physicalCores, List<List<Integer>> smtGroups,
                          long memoryBytes, String os, String java) {

    /**
     * The most logical CPUs any machine here can have, and so the bound on every CPU number (0 to
     * MAX_CPUS − 1): the worker protocol, run files and the timeline agree on it. Linux itself builds for
     * at most 8 192.
     */
    public static final int MAX_CPUS = 65_536;

    public MachineInfo {
        smtGroups = smtGroups == null ? List.of() : smtGroups.stream().map(List::copyOf).toList();
    }

    /** What the JVM alone can tell, for when the hardware layer is not available. */
    public static MachineInfo fromJvm() {
        Runtime rt = Runtime.getRuntime();
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getTotalMemorySize() : rt.maxMemory();
        return new MachineInfo(System.getProperty("os.arch", "unknown CPU"), rt.availableProcessors(),
                rt.availableProcessors(), List.of(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    }

    /** One line for titles and slides, e.g. "Intel Xeon · 2 cores / 2 CPUs · Linux". */
    public String oneLine() {
        return cpu + " · " + count(physicalCores, "core") + " / " + count(logicalCores, "CPU") + " · " + os;
    }

    /** True when the CPU counts are ones a machine can have (a run file may say anything). */
    public boolean plausible() {
        return logicalCores >= 1 && logicalCores <= MAX_CPUS && physicalCores >= 1 && physicalCores <= logicalCores;
    }

    /** "1 core", "8 cores", or "? cores" for a count no machine has (0, negative, absurdly large). */
    public static String count(int n, String unit) {
        if (n < 1 || n > MAX_CPUS) {
            return "? " + unit + "s";
        }
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
