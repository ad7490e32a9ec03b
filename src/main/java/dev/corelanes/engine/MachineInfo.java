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
        return cpu + " · " + physicalCores + (physicalCores == 1 ? " core / " : " cores / ") + logicalCores
                + (logicalCores == 1 ? " CPU" : " CPUs") + " · " + os;
    }
}
