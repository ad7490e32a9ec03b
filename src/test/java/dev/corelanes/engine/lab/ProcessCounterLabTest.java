package dev.corelanes.engine.lab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessCounterLabTest {

    static ProcessBuilder corelanes(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }

    @Test
    void eachProcessCountsOnlyItsOwnCounterAndTheParentsStaysZero() throws Exception {
        ProcessCounterLab lab = new ProcessCounterLab(3, 50_000, ProcessCounterLabTest::corelanes);
        CounterResult r = lab.run();
        assertEquals(List.of(50_000L, 50_000L, 50_000L), r.finalValues(), "no child saw another's increments");
        assertEquals(0, r.parentSees(), "the parent's memory is untouched");
        assertEquals(0, r.lost());
        CounterMemory m = r.memory();
        assertTrue(m.processes());
        assertEquals(3, m.residentBytes().size());
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            m.residentBytes().forEach(b -> assertTrue(b > 1 << 20, "each child has its own resident memory"));
            for (int i = 0; i < 3; i++) {
                long unique = m.uniqueBytes().get(i);
                if (unique >= 0) { // smaps_rollup or smaps: on any Linux the JDK runs on
                    assertTrue(unique > 1 << 20 && unique <= m.residentBytes().get(i),
                            "a child's unique memory is part of its resident memory: " + unique);
                }
            }
        } else {
            assertTrue(m.residentTotal().isEmpty(), "no /proc: not measured, not invented");
        }
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(), "no child left");
    }
}
