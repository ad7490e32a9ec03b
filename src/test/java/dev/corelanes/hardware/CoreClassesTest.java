package dev.corelanes.hardware;

import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.MachineInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.corelanes.engine.CoreClass.EFFICIENCY;
import static dev.corelanes.engine.CoreClass.PERFORMANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Core classes decided from OSHI's efficiency and the OS's word, on real machines' topologies. */
class CoreClassesTest {

    @TempDir
    Path sys;

    private static List<CoreClass> run(CoreClass k, int n) {
        return Collections.nCopies(n, k);
    }

    private static List<CoreClass> concat(List<CoreClass> a, List<CoreClass> b) {
        List<CoreClass> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void intelHybridIsSixPerformancePlusEightEfficiencyConfirmedBySysfs() {
        var d = Topologies.intelHybrid(sys).described();
        MachineInfo m = d.machine();
        assertEquals(20, m.logicalCores());
        assertEquals(concat(run(PERFORMANCE, 12), run(EFFICIENCY, 8)), m.cpuClasses());
        assertEquals("6 performance + 8 efficiency cores", m.classSummary());
        assertTrue(d.classes().how().contains("confirmed by /sys/devices/cpu_core"), d.classes().how());
        assertEquals(List.of(0, 1), m.smtGroups().get(0));
        assertEquals(List.of(12), m.smtGroups().get(6));
    }

    @Test
    void appleM2IsFourPlusFourConfirmedByThePerflevelSysctls() {
        var d = Topologies.appleM2().described();
        MachineInfo m = d.machine();
        assertEquals(concat(run(EFFICIENCY, 4), run(PERFORMANCE, 4)), m.cpuClasses());
        assertEquals("4 performance + 4 efficiency cores", m.classSummary());
        assertTrue(d.classes().how().contains("counts confirmed by sysctl hw.perflevel0/1"), d.classes().how());
    }

    @Test
    void amdWithSmtAndTheServerHaveOneKindOfCore() {
        MachineInfo amd = Topologies.amdSmt(sys.resolve("amd")).machine();
        assertEquals(16, amd.logicalCores());
        assertEquals(8, amd.physicalCores());
        assertEquals(List.of(0, 8), amd.smtGroups().get(0));
        assertTrue(amd.cpuClasses().isEmpty());
        assertEquals("", amd.classSummary());
        MachineInfo server = Topologies.server64(sys.resolve("server")).machine();
        assertEquals(64, server.logicalCores());
        assertEquals(32, server.smtGroups().size());
        assertTrue(server.cpuClasses().isEmpty());
    }

    @Test
    void armCapacitiesDecideWhenOshiSeesOneKind() {
        var d = Topologies.armBigLittle(sys).described();
        assertEquals(concat(run(EFFICIENCY, 4), run(PERFORMANCE, 4)), d.machine().cpuClasses());
        assertEquals("4 performance + 4 efficiency cores", d.machine().classSummary());
        assertTrue(d.classes().how().contains("cpu_capacity (OSHI saw one kind of core)"), d.classes().how());
    }

    @Test
    void theKernelWinsWhenOshiDisagrees() throws Exception {
        // OSHI marks every CPU's core efficient except CPU 0's; the kernel says 0-1 are P-cores.
        Files.createDirectories(sys.resolve("devices/cpu_core"));
        Files.createDirectories(sys.resolve("devices/cpu_atom"));
        Files.writeString(sys.resolve("devices/cpu_core/cpus"), "0-1\n");
        Files.writeString(sys.resolve("devices/cpu_atom/cpus"), "2-3\n");
        var os = new LinuxCoreClasses(sys).read(4);
        var d = CoreClassDecision.decide(List.of(1, 0, 0, 0), os);
        assertEquals(List.of(PERFORMANCE, PERFORMANCE, EFFICIENCY, EFFICIENCY), d.perCpu());
        assertTrue(d.how().contains("disagreed"), d.how());
    }

    @Test
    void garbledOrPartialSysfsIsNoCrossCheck() throws Exception {
        Files.createDirectories(sys.resolve("devices/cpu_core"));
        Files.createDirectories(sys.resolve("devices/cpu_atom"));
        Files.writeString(sys.resolve("devices/cpu_core/cpus"), "zero\n");
        Files.writeString(sys.resolve("devices/cpu_atom/cpus"), "2-3\n");
        assertEquals(Optional.empty(), new LinuxCoreClasses(sys).read(4));
        Files.writeString(sys.resolve("devices/cpu_core/cpus"), "0\n"); // CPU 1 listed nowhere (offline)
        assertEquals(Optional.empty(), new LinuxCoreClasses(sys).read(4));
        Files.writeString(sys.resolve("devices/cpu_core/cpus"), "0-9\n"); // more CPUs than OSHI counts
        assertEquals(Optional.empty(), new LinuxCoreClasses(sys).read(4));
    }

    @Test
    void macCountsThatDoNotAddUpOrOneLevelAreNoCrossCheck() {
        assertEquals(Optional.empty(), new MacPerfLevels(n -> n.equals("hw.nperflevels") ? 1 : 4).read(8));
        assertEquals(Optional.empty(), new MacPerfLevels(n -> -1).read(8)); // macOS before 12: no such sysctl
        Map<String, Integer> wrong = Map.of("hw.nperflevels", 2, "hw.perflevel0.logicalcpu", 6,
                "hw.perflevel1.logicalcpu", 4);
        assertEquals(Optional.empty(), new MacPerfLevels(n -> wrong.getOrDefault(n, -1)).read(8));
    }

    @Test
    void macCountsWithoutOshiClassesSayTheCountsButNoCpu() {
        var os = new MacPerfLevels(n -> Map.of("hw.nperflevels", 2, "hw.perflevel0.logicalcpu", 4,
                "hw.perflevel1.logicalcpu", 4).getOrDefault(n, -1)).read(8);
        var d = CoreClassDecision.decide(List.of(0, 0, 0, 0, 0, 0, 0, 0), os);
        assertTrue(d.perCpu().isEmpty());
        assertTrue(d.how().contains("4 performance + 4 efficiency CPUs, but which CPU is which is unknown"), d.how());
    }

    @Test
    void oshiEfficiencyIsMappedThroughEachCpusPhysicalCore() {
        var t = Topologies.intelHybrid(sys);
        List<Integer> e = OshiHardware.efficiencyPerCpu(t.logical(), t.physical(), 20);
        assertEquals(1, e.get(11)); // CPU 11 is the second thread of P-core 5
        assertEquals(0, e.get(12));
        // A logical CPU whose core OSHI does not list: no values rather than wrong ones.
        assertTrue(OshiHardware.efficiencyPerCpu(t.logical(), t.physical().subList(0, 3), 20).isEmpty());
    }
}
