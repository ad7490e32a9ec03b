package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuAffinity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoreLimitTest {

    private static List<Integer> range(int n) {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            all.add(c);
        }
        return all;
    }

    /** 2 cores with SMT, Linux numbering: CPU 0+2 share a core, 1+3 the other. */
    private static MachineInfo smtLaptop() {
        return new MachineInfo("SMT", 4, 2, List.of(List.of(0, 2), List.of(1, 3)), 1L << 33, "Linux", "Java");
    }

    /** Intel 6P+8E: CPUs 0–11 are six P-cores with SMT (0+1, 2+3 …), 12–19 the E-cores. */
    private static MachineInfo intelHybrid() {
        List<List<Integer>> groups = new ArrayList<>();
        List<CoreClass> classes = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            groups.add(List.of(2 * p, 2 * p + 1));
        }
        for (int e = 12; e < 20; e++) {
            groups.add(List.of(e));
        }
        for (int c = 0; c < 20; c++) {
            classes.add(c < 12 ? CoreClass.PERFORMANCE : CoreClass.EFFICIENCY);
        }
        return new MachineInfo("i7-12700H", 20, 14, groups, 1L << 34, "Linux", "Java").withClasses(classes);
    }

    @Test
    void aCountTakesRealCoresBeforeSmtSiblings() {
        assertEquals(List.of(0, 1), CoreLimit.count(2).choose(smtLaptop(), range(4)));
        assertEquals(List.of(0, 1, 2), CoreLimit.count(3).choose(smtLaptop(), range(4)));
    }

    @Test
    void aCountTakesPerformanceCoresThenEfficiencyCoresThenSiblings() {
        List<Integer> order = CoreLimit.preferredOrder(intelHybrid(), range(20));
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 13, 14, 15, 16, 17, 18, 19, 1, 3, 5, 7, 9, 11), order);
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12), CoreLimit.count(7).choose(intelHybrid(), range(20)));
    }

    @Test
    void aCountStaysInsideTheAffinityMask() {
        // taskset -c 2,3 on the SMT laptop: only the siblings 2 and 3 (one per core) may be used.
        assertEquals(List.of(2), CoreLimit.count(1).choose(smtLaptop(), List.of(2, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoreLimit.count(3).choose(smtLaptop(), List.of(2, 3)));
        assertTrue(e.getMessage().contains("more CPUs than this process may use (2)"), e.getMessage());
    }

    @Test
    void aCountCannotExceedTheContainerQuota() {
        MachineInfo quota = new MachineInfo("Q", 4, 4, List.of(), 1L << 33, "Linux", "Java", 2, List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> CoreLimit.count(3).choose(quota, range(4)));
    }

    @Test
    void aListMustNameUsableCpus() {
        assertEquals(List.of(1, 3), CoreLimit.cpus("3,1").choose(smtLaptop(), range(4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoreLimit.cpus("0,7-8").choose(smtLaptop(), range(4)));
        assertTrue(e.getMessage().contains("CPU 7-8 is not one this process may use (it may use CPU 0-3)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CoreLimit.count(0));
    }

    @Test
    void withoutAnAffinityApiTheLimitIsRefusedWithTheReason() {
        CpuAffinity mac = CpuAffinity.unsupported("macOS has no API to pin a thread");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mac.pin(List.of(0)));
        assertTrue(e.getMessage().contains("macOS has no API"), e.getMessage());
    }
}
