package dev.corelanes.engine;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The machine a run was measured on. {@code smtGroups} lists, per physical core, the logical CPUs that
 * share it (empty when unknown). Filled in by the hardware layer; the engine only carries it.
 *
 * @param usableCores logical CPUs this process could run on at once: the machine's count, narrowed by the
 *                    process's affinity mask and its container's CPU quota, and by a run's core limit.
 *                    Ideal time and efficiency divide by this, never by {@code logicalCores}.
 * @param pinnedCpus  the CPUs a run was pinned to with a core limit; empty when it was not pinned
 * @param cpuClasses  the class of each logical CPU (index = CPU number) on a hybrid processor; empty when
 *                    all cores are of one kind or the classes are unknown
 */
public record MachineInfo(String cpu, int logicalCores, int physicalCores, List<List<Integer>> smtGroups,
                          long memoryBytes, String os, String java, int usableCores, List<Integer> pinnedCpus,
                          List<CoreClass> cpuClasses) {

    /**
     * The most logical CPUs any machine here can have, and so the bound on every CPU number (0 to
     * MAX_CPUS − 1): the worker protocol, run files and the timeline agree on it. Linux itself builds for
     * at most 8 192.
     */
    public static final int MAX_CPUS = 65_536;

    public MachineInfo {
        smtGroups = smtGroups == null ? List.of() : smtGroups.stream().map(List::copyOf).toList();
        pinnedCpus = pinnedCpus == null ? List.of() : List.copyOf(pinnedCpus);
        cpuClasses = cpuClasses == null ? List.of() : List.copyOf(cpuClasses);
        // Never more usable than there are, never fewer than one: a bad value cannot divide by zero.
        usableCores = Math.max(1, Math.min(usableCores, Math.max(1, logicalCores)));
    }

    /** A machine whose every logical CPU is usable, with no classes (tests, benchmarks, old run files). */
    public MachineInfo(String cpu, int logicalCores, int physicalCores, List<List<Integer>> smtGroups,
                       long memoryBytes, String os, String java) {
        this(cpu, logicalCores, physicalCores, smtGroups, memoryBytes, os, java, logicalCores, List.of(), List.of());
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

    /**
     * Logical CPUs this JVM may use at once. The JVM reads the affinity mask and the container's CPU quota
     * (cgroups) on Linux, and the process's affinity group on Windows; {@code taskset -c 0} gives 1 here.
     */
    public static int processUsableCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The same machine as seen by a run pinned to {@code cpus}. */
    public MachineInfo pinnedTo(List<Integer> cpus) {
        return new MachineInfo(cpu, logicalCores, physicalCores, smtGroups, memoryBytes, os, java,
                Math.min(usableCores, cpus.size()), cpus, cpuClasses);
    }

    /** The same machine as an unpinned run sees it: the CPUs this process may use. */
    public MachineInfo unpinned() {
        return new MachineInfo(cpu, logicalCores, physicalCores, smtGroups, memoryBytes, os, java,
                Math.max(1, Math.min(logicalCores, processUsableCores())), List.of(), cpuClasses);
    }

    /** The same machine with its CPUs' classes. */
    public MachineInfo withClasses(List<CoreClass> classes) {
        return new MachineInfo(cpu, logicalCores, physicalCores, smtGroups, memoryBytes, os, java, usableCores,
                pinnedCpus, classes);
    }

    /** The class of a logical CPU, or null when the machine has one kind of core (or it is unknown). */
    public CoreClass classOf(int logicalCpu) {
        return logicalCpu >= 0 && logicalCpu < cpuClasses.size() ? cpuClasses.get(logicalCpu) : null;
    }

    /**
     * "6 performance + 8 efficiency cores" on a hybrid processor (physical cores, counted by their SMT
     * groups; logical CPUs when the groups are unknown); empty when the machine has one kind of core.
     */
    public String classSummary() {
        if (cpuClasses.isEmpty()) {
            return "";
        }
        int p = 0;
        int e = 0;
        boolean physical = !smtGroups.isEmpty();
        if (physical) {
            for (List<Integer> g : smtGroups) {
                if (classOf(g.get(0)) == CoreClass.PERFORMANCE) {
                    p++;
                } else if (classOf(g.get(0)) == CoreClass.EFFICIENCY) {
                    e++;
                }
            }
        } else {
            for (CoreClass k : cpuClasses) {
                if (k == CoreClass.PERFORMANCE) {
                    p++;
                } else {
                    e++;
                }
            }
        }
        String unit = physical ? " cores" : " CPUs";
        return p + " performance + " + e + " efficiency" + unit;
    }

    /** True when fewer CPUs were usable than the machine has (affinity, container quota or a core limit). */
    public boolean limited() {
        return usableCores < logicalCores;
    }

    /**
     * One line for titles and slides, e.g. "Intel Xeon · 2 cores / 2 CPUs · Linux", with the usable count
     * when it is smaller: "… 2 cores / 2 CPUs (1 usable) · Linux".
     */
    public String oneLine() {
        return cpu + " · " + count(physicalCores, "core") + " / " + count(logicalCores, "CPU")
                + (limited() ? " (" + usableCores + " usable)" : "") + " · " + os;
    }

    /**
     * The machine itself, "Intel Xeon · 2 cores / 2 CPUs · Linux", without what a run could use of it: beside a
     * run's own "1 core (CPU 1)" ({@code FigureText.cores}) a second wording of the same limit would only confuse.
     */
    public String hardwareLine() {
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
