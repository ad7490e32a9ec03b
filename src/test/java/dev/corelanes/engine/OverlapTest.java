package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import static dev.corelanes.fixtures.TracedPrograms.program;
import static dev.corelanes.fixtures.TracedPrograms.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How long a run's threads computed on two CPUs at once, read from its running spans, and said in words. */
class OverlapTest {

    private static final long MS = 1_000_000L;

    @Test
    void threadsTakingTurnsInOneProcessNeverOverlap() {
        // The GIL's way: one thread runs, then the other, on whichever CPU; their spans only touch.
        Trace t = program(1000, thread(7, 0, 0, 100, 1, 200, 300), thread(7, 1, 100, 200, 0, 300, 400));
        Overlap o = RunFigures.overlap(t);
        assertEquals(400 * MS, o.runningNanos());
        assertEquals(0, o.parallelNanos());
        assertEquals(0, o.sameProcessNanos());
        assertEquals(1, o.mostAtOnce());
        assertEquals(2, o.threads());
        assertEquals(1, o.processes());
        assertEquals("its threads never ran on two CPUs at the same moment: one at a time, 0.400 s in all",
                FigureText.overlap(o, t.wallNanos()));
    }

    @Test
    void twoProcessesComputingTogetherOverlapAcrossProcessesOnly() {
        // The main thread waits; two child processes each run 500 ms, 400 ms of it at the same time.
        Trace t = program(1000, thread(7, 0, 0, 50), thread(8, 0, 100, 600), thread(9, 1, 200, 700));
        Overlap o = RunFigures.overlap(t);
        assertEquals(400 * MS, o.parallelNanos());
        assertEquals(0, o.sameProcessNanos());
        assertEquals(3, o.processes());
        assertEquals(2, o.mostAtOnce());
        assertEquals(650 * MS, o.runningNanos());
        assertEquals("2 of its threads ran on different CPUs at the same moment for 0.400 s of its 1.00 s (40 %); "
                + "threads of one process at the same moment: never", FigureText.overlap(o, t.wallNanos()));
    }

    @Test
    void threadsOfOneProcessOnTwoCpusAtOnceAreCountedAsSuch() {
        // No GIL (Java, a free-threaded Python): two threads of one process compute together for 250 ms, and a
        // second process runs beside them for 50 ms of that.
        Trace t = program(500, thread(7, 0, 0, 300), thread(7, 1, 50, 300), thread(8, 2, 250, 400));
        Overlap o = RunFigures.overlap(t);
        assertEquals(250 * MS + 0, o.sameProcessNanos());
        assertEquals(250 * MS + 0, o.parallelNanos()); // 50..300 has two or more running; 300..400 only one
        assertEquals(3, o.mostAtOnce());
        String text = FigureText.overlap(o, t.wallNanos());
        assertTrue(text.startsWith("up to 3 of its threads ran on different CPUs at the same moment for 0.250 s of "
                + "its 0.500 s (50 %)"), text);
        assertTrue(text.endsWith("threads of one process at the same moment: 0.250 s (50 %)"), text);
    }

    @Test
    void twoThreadsOnOneCpuAtOnceAreNotTwoCpus() {
        // The samples put both threads on CPU 0 for the same 100 ms: the lanes make that stretch uncertain (they
        // cannot say which ran when), so it is no time on two CPUs.
        Trace t = program(300, thread(7, 0, 0, 200), thread(7, 0, 100, 300));
        Overlap o = RunFigures.overlap(t);
        assertEquals(0, o.parallelNanos(), t.spans().toString());
        assertEquals(1, o.mostAtOnce());
    }

    @Test
    void aRunWithNoRunningThreadSaysSo() {
        Trace t = program(100, thread(7));
        assertEquals("none of its threads was seen running on a CPU", FigureText.overlap(RunFigures.overlap(t),
                t.wallNanos()));
    }
}
