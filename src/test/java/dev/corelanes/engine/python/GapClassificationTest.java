package dev.corelanes.engine.python;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the Python worker splits a task's off-CPU gap into GIL wait and preempted ({@code gap_spans} in
 * corelanes_experiment.py), on constructed gaps: the function itself, run by the real interpreter.
 */
@Timeout(60)
class GapClassificationTest {

    private static final long MS = 1_000_000;

    @TempDir
    static Path dir;
    private static String python;

    @BeforeAll
    static void worker() throws Exception {
        python = Pythons.python3().path();
        Files.writeString(dir.resolve(PythonScript.RESOURCE), PythonScript.template());
    }

    /** gap_spans(start, end, ready, others_cpu, gil_shared) in Python, one "state from to" per span. */
    private static List<String> spans(long start, long end, Long ready, long othersCpu, boolean gilShared)
            throws Exception {
        String call = String.format("gap_spans(%d, %d, %s, %d, %s)", start, end, ready == null ? "None" : ready,
                othersCpu, gilShared ? "True" : "False");
        Process p = new ProcessBuilder(python, "-c", "import corelanes_experiment as e\n"
                + "for s in e." + call + ": print('%s %d %d' % s)")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void aThreadThatWasNeverRunnableWaitedForTheGil() throws Exception {
        // Blocked 5 ms while the other thread held the GIL: no run-queue wait at all.
        assertEquals(List.of("gil-wait 100000000 105000000"), spans(100 * MS, 105 * MS, 0L, 5 * MS, true));
        // The same even when the holder was itself preempted meanwhile (it used no CPU): still blocked on the GIL.
        assertEquals(List.of("gil-wait 100000000 105000000"), spans(100 * MS, 105 * MS, 0L, 0, true));
    }

    @Test
    void runQueueWaitIsPreemptedAndComesAfterTheGilWait() throws Exception {
        // Woken when the GIL was handed over, then 3 ms runnable with no CPU free: other programs had it.
        assertEquals(List.of("gil-wait 100000000 102000000", "preempted 102000000 105000000"),
                spans(100 * MS, 105 * MS, 3 * MS, 2 * MS, true));
        assertEquals(List.of("preempted 100000000 105000000"), spans(100 * MS, 105 * MS, 5 * MS, 0, true));
        // The OS's figure can exceed the gap (it counts waits just before and after): never more than the gap.
        assertEquals(List.of("preempted 100000000 105000000"), spans(100 * MS, 105 * MS, 9 * MS, 0, true));
    }

    @Test
    void withoutTheRunQueueFigureOtherThreadsCpuDecides() throws Exception {
        // Windows, macOS: the gap waited for the GIL while other threads of the interpreter ran.
        assertEquals(List.of("gil-wait 100000000 105000000"), spans(100 * MS, 105 * MS, null, 5 * MS, true));
        assertEquals(List.of("gil-wait 100000000 101000000", "preempted 101000000 105000000"),
                spans(100 * MS, 105 * MS, null, 1 * MS, true));
        assertEquals(List.of("preempted 100000000 105000000"), spans(100 * MS, 105 * MS, null, 0, true));
        assertEquals(List.of("gil-wait 100000000 105000000"), spans(100 * MS, 105 * MS, null, 8 * MS, true));
    }

    @Test
    void noGilOrNoOtherTaskMeansPreempted() throws Exception {
        // A free-threaded interpreter, or the only task of its process: nothing to wait for but a CPU.
        assertEquals(List.of("preempted 100000000 105000000"), spans(100 * MS, 105 * MS, 0L, 5 * MS, false));
        assertEquals(List.of("preempted 100000000 105000000"), spans(100 * MS, 105 * MS, null, 5 * MS, false));
    }

    @Test
    void sliversShorterThanATenthOfAMillisecondJoinTheOtherPart() throws Exception {
        assertEquals(List.of("gil-wait 100000000 105000000"), spans(100 * MS, 105 * MS, 50_000L, 0, true));
        assertEquals(List.of("preempted 100000000 105000000"), spans(100 * MS, 105 * MS, 5 * MS - 50_000, 0, true));
    }

    /** gap_edges(before, now, cpu_used, ran_before) in Python with the CPU clock's step {@code tick}: "start end". */
    private static String edges(long tick, long before, long now, long cpuUsed, long ranBefore) throws Exception {
        return Pythons.runIn(dir, python, "import corelanes_experiment as e\n"
                + "e.CPU_TICK_NS = " + tick + "\n"
                + "print('%d %d' % e.gap_edges(" + before + ", " + now + ", " + cpuUsed + ", " + ranBefore + "))").strip();
    }

    @Test
    void aStretchsGapIsPlacedByWhatTheCpuClockSaysRanInIt() throws Exception {
        long us = 1_000;
        // Last probe at 0, the stretch from 900 us to 5.9 ms; 960 us of CPU since the probe: 60 us of the stretch ran,
        // 30 us before the thread left the CPU and 30 us after it came back (the split within it is unknown).
        assertEquals((930 * us) + " " + (5870 * us), edges(3 * us, 900 * us, 5900 * us, 960 * us, 900 * us));
        // Nothing of it ran (or the probe's figure is short): the gap is the whole stretch, as read.
        assertEquals((900 * us) + " " + (5900 * us), edges(3 * us, 900 * us, 5900 * us, 850 * us, 900 * us));
        // A CPU figure past the stretch never shrinks the gap below the shortest one drawn (MIN_GAP_NS, 200 us).
        assertEquals((3300 * us) + " " + (3500 * us), edges(3 * us, 900 * us, 5900 * us, 90_000 * us, 900 * us));
        // Windows' 15.6 ms CPU clock (or its simulation) says nothing about 40 us: the readings stand.
        assertEquals((900 * us) + " " + (5900 * us), edges(15_625 * us, 900 * us, 5900 * us, 960 * us, 900 * us));
    }
}
