package dev.corelanes.hardware;

import dev.corelanes.engine.MachineInfo;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.util.platform.mac.SysctlUtil;
import dev.corelanes.engine.platform.Os;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link Hardware} read through OSHI. */
final class OshiHardware implements Hardware {

    private final SystemInfo system = new SystemInfo();
    private final HardwareAbstractionLayer hal = system.getHardware();
    private volatile MachineInfo machine;
    private long[][] previousTicks;

    /** Set once OSHI failed for want of native access: from then on the JVM's own view is used. */
    private volatile JvmHardware fallback;

    @Override
    public MachineInfo machine() {
        MachineInfo m = machine;
        if (m == null) {
            try {
                m = read();
            } catch (LinkageError | RuntimeException e) {
                // No native access (JNA could not load: no folder where its library may run): what the JVM knows.
                fallback = new JvmHardware();
                classNote = "the machine could not be read (" + oneLine(e) + ")";
                m = fallback.machine();
            }
            machine = m;
        }
        return m;
    }

    private static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private MachineInfo read() {
        CentralProcessor cpu = hal.getProcessor();
        OperatingSystem os = system.getOperatingSystem();
        Described d = describe(cpu.getProcessorIdentifier().getName().trim(), cpu.getLogicalProcessors(),
                cpu.getPhysicalProcessors(), osClassSource(), hal.getMemory().getTotal(), os.toString(),
                MachineInfo.processUsableCores());
        classNote = d.classes().how();
        return d.machine();
    }

    /** The machine and how its core classes were decided. */
    record Described(MachineInfo machine, CoreClassDecision classes) {
    }

    /** The machine from OSHI's topology and the OS's own word on core classes (fixtures use this too). */
    static Described describe(String cpuName, List<CentralProcessor.LogicalProcessor> logical,
                              List<CentralProcessor.PhysicalProcessor> physical, CoreClassSource os,
                              long memory, String osName, int processUsable) {
        int n = logical.size();
        CoreClassDecision classes = CoreClassDecision.decide(efficiencyPerCpu(logical, physical, n), os.read(n));
        // The JVM's count follows the affinity mask and the container's CPU quota; OSHI's is the machine's.
        MachineInfo m = new MachineInfo(cpuName, n, physical.size(), smtGroups(logical), memory, osName,
                JvmHardware.javaDescription(), Math.min(n, processUsable), List.of(), classes.perCpu());
        return new Described(m, classes);
    }

    private volatile String classNote = "";

    @Override
    public String coreClassNote() {
        machine();
        return classNote;
    }

    private static CoreClassSource osClassSource() {
        if (Os.current().isLinux()) {
            return new LinuxCoreClasses(Path.of("/sys"));
        }
        if (Os.current().isMac()) {
            return new MacPerfLevels(name -> SysctlUtil.sysctl(name, -1, false));
        }
        return CoreClassSource.NONE; // Windows: OSHI reads the OS's own EfficiencyClass
    }

    /**
     * OSHI's efficiency value of each logical CPU's physical core, indexed by CPU number; empty when the
     * numbers do not cover 0 … n−1 exactly once or a core is missing from OSHI's list.
     */
    static List<Integer> efficiencyPerCpu(List<CentralProcessor.LogicalProcessor> logical,
                                          List<CentralProcessor.PhysicalProcessor> physical, int n) {
        Map<Long, Integer> byCore = new java.util.HashMap<>();
        for (CentralProcessor.PhysicalProcessor pp : physical) {
            byCore.put(key(pp.getPhysicalPackageNumber(), pp.getPhysicalProcessorNumber()), pp.getEfficiency());
        }
        Integer[] out = new Integer[n];
        for (CentralProcessor.LogicalProcessor lp : logical) {
            Integer e = byCore.get(key(lp.getPhysicalPackageNumber(), lp.getPhysicalProcessorNumber()));
            int cpu = lp.getProcessorNumber();
            if (e == null || cpu < 0 || cpu >= n || out[cpu] != null) {
                return List.of();
            }
            out[cpu] = e;
        }
        return java.util.Arrays.asList(out).contains(null) ? List.of() : List.of(out);
    }

    private static long key(int pkg, int core) {
        return ((long) pkg << 32) | (core & 0xffffffffL);
    }

    /** Logical CPUs grouped by the physical core they share (package and core number). */
    static List<List<Integer>> smtGroups(List<CentralProcessor.LogicalProcessor> logical) {
        Map<Long, List<Integer>> byCore = new TreeMap<>();
        for (CentralProcessor.LogicalProcessor lp : logical) {
            long key = ((long) lp.getPhysicalPackageNumber() << 32) | (lp.getPhysicalProcessorNumber() & 0xffffffffL);
            byCore.computeIfAbsent(key, k -> new ArrayList<>()).add(lp.getProcessorNumber());
        }
        List<List<Integer>> groups = new ArrayList<>();
        byCore.values().forEach(g -> groups.add(g.stream().sorted().toList()));
        groups.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        return groups;
    }

    @Override
    public synchronized double[] cpuLoads() {
        if (fallback != null) {
            return fallback.cpuLoads();
        }
        CentralProcessor cpu;
        try {
            cpu = hal.getProcessor();
            cpu.getProcessorCpuLoadTicks();
        } catch (LinkageError | RuntimeException e) {
            fallback = new JvmHardware();
            return fallback.cpuLoads();
        }
        long[][] ticks = cpu.getProcessorCpuLoadTicks();
        double[] loads;
        if (previousTicks == null || previousTicks.length != ticks.length) {
            loads = new double[ticks.length];
        } else {
            loads = cpu.getProcessorCpuLoadBetweenTicks(previousTicks);
        }
        previousTicks = ticks;
        return loads;
    }
}
