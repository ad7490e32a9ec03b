package dev.corelanes.engine.lab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterMemoryTest {

    private static final long MIB = 1 << 20;

    @Test
    void threadsCostWhatTheProcessGrewWhileTheyLived() {
        CounterMemory m = CounterMemory.threads(4, 357 * MIB, 357 * MIB + 300 * 1024);
        assertEquals(300 * 1024, m.addedBytes().orElseThrow());
        assertEquals(75 * 1024, m.perWorkerBytes().orElseThrow(), 1e-9);
        assertTrue(m.residentTotal().isEmpty(), "the process's own size is not the threads' cost");
        CounterMemory shrank = CounterMemory.threads(4, 357 * MIB, 356 * MIB);
        assertEquals(-MIB, shrank.addedBytes().orElseThrow(), "said as measured, not clamped");
        assertTrue(CounterMemory.threads(4, -1, 357 * MIB).addedBytes().isEmpty());
    }

    @Test
    void processesCostTheirUniqueMemory() {
        CounterMemory m = CounterMemory.processes(List.of(40 * MIB, 42 * MIB), List.of(30 * MIB, 32 * MIB));
        assertEquals(62 * MIB, m.addedBytes().orElseThrow());
        assertEquals(31 * MIB, m.perWorkerBytes().orElseThrow(), 1e-9);
        assertEquals(82 * MIB, m.residentTotal().orElseThrow());
        CounterMemory noUnique = CounterMemory.processes(List.of(40 * MIB, 42 * MIB), List.of(-1L, 32 * MIB));
        assertTrue(noUnique.addedBytes().isEmpty(), "one child not measured: no total invented");
        assertEquals(82 * MIB, noUnique.residentTotal().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> CounterMemory.processes(List.of(1L), List.of()));
    }
}
