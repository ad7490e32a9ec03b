package dev.corelanes.hardware;

import dev.corelanes.engine.MachineInfo;
import oshi.hardware.CentralProcessor.LogicalProcessor;
import oshi.hardware.CentralProcessor.PhysicalProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Topologies of real machines, as OSHI and the OS report them, for tests that must not depend on the
 * machine they run on. The numbering follows what those machines show (lscpu -e, sysfs, sysctl).
 */
public final class Topologies {

    private Topologies() {
    }

    /** One machine: OSHI's logical and physical processors, and what the OS says about classes. */
    public record Topology(String name, List<LogicalProcessor> logical, List<PhysicalProcessor> physical,
                           CoreClassSource os) {

        OshiHardware.Described described() {
            return OshiHardware.describe(name, logical, physical, os, 16L << 30, "TestOS", logical.size());
        }

        public MachineInfo machine() {
            return described().machine();
        }
    }

    /**
     * Intel Core i7-12700H (Linux): 6 P-cores with Hyper-Threading (CPU 0+1 … 10+11), 8 E-cores without
     * (CPU 12 … 19); OSHI efficiency 1 for P, 0 for E; sysfs cpu_core/cpus "0-11", cpu_atom/cpus "12-19".
     */
    public static Topology intelHybrid(Path sysRoot) {
        List<LogicalProcessor> logical = new ArrayList<>();
        List<PhysicalProcessor> physical = new ArrayList<>();
        for (int core = 0; core < 6; core++) {
            physical.add(new PhysicalProcessor(0, core, 1, "P-core"));
            logical.add(new LogicalProcessor(2 * core, core, 0));
            logical.add(new LogicalProcessor(2 * core + 1, core, 0));
        }
        for (int e = 0; e < 8; e++) {
            physical.add(new PhysicalProcessor(0, 6 + e, 0, "E-core"));
            logical.add(new LogicalProcessor(12 + e, 6 + e, 0));
        }
        sysfs(sysRoot, Map.of("devices/cpu_core/cpus", "0-11\n", "devices/cpu_atom/cpus", "12-19\n"));
        return new Topology("12th Gen Intel(R) Core(TM) i7-12700H", logical, physical, new LinuxCoreClasses(sysRoot));
    }

    /**
     * Apple M2 (macOS): 4 efficiency cores (CPU 0–3, cluster E) and 4 performance cores (CPU 4–7, cluster
     * P), no SMT; hw.nperflevels 2, hw.perflevel0.logicalcpu 4, hw.perflevel1.logicalcpu 4.
     */
    public static Topology appleM2() {
        List<LogicalProcessor> logical = new ArrayList<>();
        List<PhysicalProcessor> physical = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            physical.add(new PhysicalProcessor(0, c, c < 4 ? 0 : 1, c < 4 ? "blizzard" : "avalanche"));
            logical.add(new LogicalProcessor(c, c, 0));
        }
        Map<String, Integer> sysctl = Map.of("hw.nperflevels", 2, "hw.perflevel0.logicalcpu", 4,
                "hw.perflevel1.logicalcpu", 4);
        return new Topology("Apple M2", logical, physical, new MacPerfLevels(n -> sysctl.getOrDefault(n, -1)));
    }

    /** AMD Ryzen 7 5800X (Linux): 8 cores with SMT, siblings CPU n and n+8; one kind of core, no sysfs PMUs. */
    public static Topology amdSmt(Path sysRoot) {
        List<LogicalProcessor> logical = new ArrayList<>();
        List<PhysicalProcessor> physical = new ArrayList<>();
        for (int core = 0; core < 8; core++) {
            physical.add(new PhysicalProcessor(0, core, 0, "Zen 3"));
            logical.add(new LogicalProcessor(core, core, 0));
        }
        for (int core = 0; core < 8; core++) {
            logical.add(new LogicalProcessor(core + 8, core, 0));
        }
        sysfs(sysRoot, Map.of("devices/system/cpu/online", "0-15\n"));
        return new Topology("AMD Ryzen 7 5800X 8-Core Processor", logical, physical, new LinuxCoreClasses(sysRoot));
    }

    /** A 64-CPU server (Linux): 2 sockets × 16 cores with SMT; siblings CPU n and n+32 (socket 0 = CPU 0–15, 32–47). */
    public static Topology server64(Path sysRoot) {
        List<LogicalProcessor> logical = new ArrayList<>();
        List<PhysicalProcessor> physical = new ArrayList<>();
        for (int pkg = 0; pkg < 2; pkg++) {
            for (int core = 0; core < 16; core++) {
                physical.add(new PhysicalProcessor(pkg, core, 0, "Xeon"));
            }
        }
        for (int thread = 0; thread < 2; thread++) {
            for (int pkg = 0; pkg < 2; pkg++) {
                for (int core = 0; core < 16; core++) {
                    logical.add(new LogicalProcessor(thread * 32 + pkg * 16 + core, core, pkg));
                }
            }
        }
        sysfs(sysRoot, Map.of());
        return new Topology("Intel(R) Xeon(R) Gold 6226R CPU @ 2.90GHz", logical, physical,
                new LinuxCoreClasses(sysRoot));
    }

    /**
     * Rockchip RK3588 (Linux, ARM big.LITTLE): 4 Cortex-A55 (CPU 0–3, cpu_capacity 414) and 4 Cortex-A76
     * (CPU 4–7, 1024); OSHI gives every core the same efficiency here, so the kernel's capacities decide.
     */
    public static Topology armBigLittle(Path sysRoot) {
        List<LogicalProcessor> logical = new ArrayList<>();
        List<PhysicalProcessor> physical = new ArrayList<>();
        java.util.HashMap<String, String> files = new java.util.HashMap<>();
        for (int c = 0; c < 8; c++) {
            physical.add(new PhysicalProcessor(0, c, 0, c < 4 ? "Cortex-A55" : "Cortex-A76"));
            logical.add(new LogicalProcessor(c, c, 0));
            files.put("devices/system/cpu/cpu" + c + "/cpu_capacity", (c < 4 ? "414" : "1024") + "\n");
        }
        sysfs(sysRoot, files);
        return new Topology("Rockchip RK3588", logical, physical, new LinuxCoreClasses(sysRoot));
    }

    private static void sysfs(Path root, Map<String, String> files) {
        try {
            Files.createDirectories(root);
            for (var e : files.entrySet()) {
                Path f = root.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
