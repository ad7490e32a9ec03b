package dev.corelanes.hardware;

import dev.corelanes.engine.MachineInfo;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

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

    @Override
    public MachineInfo machine() {
        MachineInfo m = machine;
        if (m == null) {
            m = read();
            machine = m;
        }
        return m;
    }

    private MachineInfo read() {
        CentralProcessor cpu = hal.getProcessor();
        OperatingSystem os = system.getOperatingSystem();
        int logical = cpu.getLogicalProcessorCount();
        // The JVM's count follows the affinity mask and the container's CPU quota; OSHI's is the machine's.
        return new MachineInfo(cpu.getProcessorIdentifier().getName().trim(), logical,
                cpu.getPhysicalProcessorCount(), smtGroups(cpu.getLogicalProcessors()),
                hal.getMemory().getTotal(), os.toString(), JvmHardware.javaDescription(),
                Math.min(logical, MachineInfo.processUsableCores()), List.of(), List.of());
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
        CentralProcessor cpu = hal.getProcessor();
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
