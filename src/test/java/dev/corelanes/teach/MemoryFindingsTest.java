package dev.corelanes.teach;

import dev.corelanes.engine.lab.CounterMemory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory lab's words on fixed figures: like with like, and "not measured" where the OS says nothing. */
class MemoryFindingsTest {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    /** Issue 23's window: a 357.7 MiB JVM, 4 threads adding 300 KiB; 4 children of ~40 MiB, 30 MiB unique. */
    private static final CounterMemory THREADS = CounterMemory.threads(4, 366_285 * KIB, 366_285 * KIB + 300 * KIB);
    private static final CounterMemory PROCESSES = CounterMemory.processes(
            List.of(40 * MIB, 40 * MIB, 41 * MIB, 40 * MIB), List.of(30 * MIB, 30 * MIB, 31 * MIB, 29 * MIB));

    @Test
    void threadsAreChargedTheGrowthNotTheWholeProcess() {
        assertEquals("Memory: the 4 threads added 300.0 KiB to this process's resident memory — 75.0 KiB a thread — "
                + "measured from just before they started to when all were running. The rest of this process "
                + "(357.7 MiB before they started: the JVM and everything it runs) was there already; the threads "
                + "share it.", MemoryFindings.summary(THREADS));
        assertEquals("+75.0 KiB", MemoryFindings.row(THREADS, 2));
        assertEquals("memory it added (average)", MemoryFindings.column(false));
    }

    @Test
    void processesShowTheirOwnResidentAndUniqueMemory() {
        assertEquals("Memory: each child has its own — 40.3 MiB resident, 30.0 MiB of it unique (mapped by no other "
                + "process) on average; the 4 children: 161.0 MiB resident, 120.0 MiB unique. One more process adds "
                + "about 30.0 MiB.", MemoryFindings.summary(PROCESSES));
        assertEquals("41.0 MiB resident · 31.0 MiB unique", MemoryFindings.row(PROCESSES, 2));
    }

    @Test
    void oneMoreProcessAgainstOneMoreThread() {
        assertEquals("One more process cost 30.0 MiB of its own (unique); one more thread 75.0 KiB: the process cost "
                + "×410 as much. From the last run of each.",
                MemoryFindings.comparison(THREADS, PROCESSES).orElseThrow());
        assertTrue(MemoryFindings.comparison(THREADS, null).isEmpty(), "nothing to compare yet");
        assertTrue(MemoryFindings.comparison(PROCESSES, THREADS).isEmpty(), "the kinds the right way round");
    }

    @Test
    void aProcessThatDidNotGrowIsSaidAsMeasured() {
        CounterMemory shrank = CounterMemory.threads(2, 300 * MIB, 300 * MIB - 120 * KIB);
        String s = MemoryFindings.summary(shrank);
        assertTrue(s.startsWith("Memory: this process's resident memory did not grow while the 2 threads ran "
                + "(−120.0 KiB meanwhile)"), s);
        assertEquals("−60.0 KiB", MemoryFindings.row(shrank, 0));
        String c = MemoryFindings.comparison(shrank, PROCESSES).orElseThrow();
        assertTrue(c.contains("one more thread added no resident memory measurable here (−60.0 KiB a thread)"), c);
        assertFalse(c.contains("×"), "no ratio against nothing: " + c);
    }

    @Test
    void withoutProcNothingIsInvented() {
        CounterMemory threads = CounterMemory.threads(4, -1, -1);
        CounterMemory processes = CounterMemory.processes(List.of(-1L, -1L), List.of(-1L, -1L));
        assertEquals("Memory: not measured on this OS (the OS did not give the process's memory).", MemoryFindings.summary(threads));
        assertEquals("Memory: not measured on this OS (the OS did not give the process's memory).", MemoryFindings.summary(processes));
        assertEquals("not measured on this OS", MemoryFindings.row(threads, 0));
        assertEquals("not measured on this OS", MemoryFindings.row(processes, 1));
        assertTrue(MemoryFindings.comparison(threads, processes).isEmpty());

        CounterMemory residentOnly = CounterMemory.processes(List.of(40 * MIB, 42 * MIB), List.of(-1L, -1L));
        assertEquals("Memory: each child has its own — 41.0 MiB resident on average; 82.0 MiB in all. How much of it "
                + "no other process shares was not measured here.", MemoryFindings.summary(residentOnly));
        assertEquals("40.0 MiB resident · unique not measured", MemoryFindings.row(residentOnly, 0));
        assertTrue(MemoryFindings.comparison(THREADS, residentOnly).orElseThrow()
                .startsWith("One more process cost 41.0 MiB resident (its unique part was not measured)"));
    }
}
