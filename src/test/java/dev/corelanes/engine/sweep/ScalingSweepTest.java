package dev.corelanes.engine.sweep;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
import dev.corelanes.engine.CoreLimit;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.hardware.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScalingSweepTest {

    @TempDir
    Path sys;

    @Test
    void stepsAreEveryNUpToSixtyFourRuns() {
        assertEquals(List.of(1), ScalingSweep.steps(1));
        assertEquals(List.of(1, 2, 3, 4), ScalingSweep.steps(4));
        List<Integer> big = ScalingSweep.steps(256);
        assertTrue(big.size() <= ScalingSweep.MAX_POINTS, "" + big.size());
        assertEquals(1, big.get(0));
        assertEquals(256, big.get(big.size() - 1));
    }

    @Test
    void onIntelHybridRealPCoresComeFirstThenECoresThenSmtSiblings() {
        MachineInfo intel = Topologies.intelHybrid(sys).machine();
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            all.add(c);
        }
        List<Integer> order = CoreLimit.preferredOrder(intel, all);
        List<String> added = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            added.add(ScalingSweep.added(intel, order, n));
        }
        assertEquals(List.of("core", "core", "core", "core", "core", "core"), added.subList(0, 6));
        assertTrue(added.subList(6, 14).stream().allMatch(SweepPoint.EFFICIENCY_CORE::equals), added.toString());
        assertTrue(added.subList(14, 20).stream().allMatch(SweepPoint.SMT_SIBLING::equals), added.toString());
    }

    @Test
    void badSweepsAreRefusedWithTheReason() {
        MachineInfo m = MachineInfo.fromJvm();
        ExperimentSpec threads = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.05, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScalingSweep.check(ScalingSweep.By.WORKERS, threads, 2, m));
        assertTrue(e.getMessage().contains("needs mode pool or process-pool"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScalingSweep.check(ScalingSweep.By.CORES, threads, 0, m));
        if (Host.affinity().supported()) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> ScalingSweep.check(ScalingSweep.By.CORES, threads, m.usableCores() + 1, m));
            assertTrue(e.getMessage().contains("goes up to at most that"), e.getMessage());
        }
        ExperimentSpec pool = new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.COMPUTE, 2, 0.05, 1, false);
        assertThrows(IllegalArgumentException.class, () -> ScalingSweep.check(ScalingSweep.By.WORKERS, pool, 65, m));
        assertThrows(IllegalArgumentException.class, () -> ScalingSweep.By.parse("threads"));
    }

    @Test
    void aRealSweepOverCoresPinsEachRunToOneMoreCpu() throws InterruptedException {
        assumeTrue(Host.affinity().supported(), Host.affinity().unsupportedReason());
        MachineInfo m = MachineInfo.fromJvm();
        assumeTrue(m.usableCores() >= 2, "needs 2 usable CPUs");
        ExperimentSpec w = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.05, false);
        List<String> heard = new ArrayList<>();
        SweepResult r = ScalingSweep.run(ScalingSweep.By.CORES, w, 2, m, Runs.JAVA, () -> false, heard::add, h -> { });
        assertEquals("", r.note());
        assertEquals(2, r.points().size());
        assertEquals(2, heard.size());
        assertEquals(1, r.points().get(0).trace().machine().pinnedCpus().size());
        assertEquals(2, r.points().get(1).trace().machine().pinnedCpus().size());
        assertEquals(1, r.points().get(0).idealSpeedup());
        assertEquals(2, r.points().get(1).idealSpeedup());
        assertEquals(1.0, r.points().get(0).speedup(), 1e-12);
        double expected = r.points().get(0).wallSeconds() / r.points().get(1).wallSeconds();
        assertEquals(expected, r.points().get(1).speedup(), 1e-9);
        assertFalse(r.hasFit(), "two runs are too few to fit Amdahl's law");
        assertTrue(Double.isNaN(r.serialFraction()));
    }

    @Test
    void aSweepOverWorkersGrowsThePoolAndACancelStopsIt() throws InterruptedException {
        MachineInfo m = MachineInfo.fromJvm();
        ExperimentSpec pool = new ExperimentSpec(ExecutionMode.POOL, TaskKind.SLEEP, 3, 0.05, 1, false);
        SweepResult r = ScalingSweep.run(ScalingSweep.By.WORKERS, pool, 3, m, Runs.JAVA, () -> false, s -> { }, h -> { });
        assertEquals(List.of(1, 2, 3), r.points().stream().map(p -> p.trace().spec().workers()).toList());
        assertTrue(r.points().stream().allMatch(p -> p.trace().machine().pinnedCpus().isEmpty()));
        assertTrue(r.hasFit(), "three runs are enough for a fit");
        assertTrue(r.serialFraction() >= 0 && r.serialFraction() <= 1);
        assertEquals(3, r.measuredUpTo());
        int[] runs = {0};
        SweepResult cancelled = ScalingSweep.run(ScalingSweep.By.WORKERS, pool, 3, m, Runs.JAVA, () -> runs[0] >= 1,
                s -> runs[0]++, h -> { });
        assertEquals(1, cancelled.points().size());
        assertEquals("cancelled after 1 run", cancelled.note());
    }
}
